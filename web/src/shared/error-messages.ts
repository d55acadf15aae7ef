import { REFUSED_BOOKING_RULES, type RefusedBookingRule } from '../../../shared/booking-rules.js';
import type { ExplainedError } from './graphql-error.js';
import type { MessageKey } from './i18n/fr.js';
import type { MessageParams } from './i18n/translate.js';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface ErrorDescription {
  /** One plain sentence saying what happened. */
  message: string;
  /** The server's own words, when it gave some that the message does not already include. */
  detail: string | null;
}

/** Whether the server named one of the booking rules that each have their own sentence. */
export function isNamedRule(value: unknown): value is RefusedBookingRule {
  return typeof value === 'string' && (REFUSED_BOOKING_RULES as readonly string[]).includes(value);
}

type DescribableError = Pick<ExplainedError, 'code' | 'serverMessage'> & { details?: ExplainedError['details'] };

/** Turns an explained GraphQL failure into the sentences the error alert shows. */
export function describeError(error: DescribableError, t: Translate): ErrorDescription {
  const serverDetail = error.serverMessage ? t('error.serverMessage', { message: error.serverMessage }) : null;
  const rule = error.details?.rule;
  switch (error.code) {
    case 'RESERVATION_CONFLICT':
      // The server names the reservations in the way; its message completes the sentence.
      return {
        message: t('error.RESERVATION_CONFLICT', { detail: error.serverMessage ?? t('error.RESERVATION_CONFLICT.detail') }),
        detail: null,
      };
    case 'BOOKING_RULE_VIOLATED':
    case 'OUTSIDE_OPENING_HOURS':
      // A named rule gets its own sentence; the server's message then gives the figures.
      return { message: isNamedRule(rule) ? t(`error.rule.${rule}`) : t(`error.${error.code}`), detail: serverDetail };
    case 'NETWORK':
      return { message: t('error.NETWORK'), detail: null };
    case 'UNKNOWN':
      return { message: t('error.UNKNOWN'), detail: null };
    default:
      return { message: t(`error.${error.code}`), detail: serverDetail };
  }
}
