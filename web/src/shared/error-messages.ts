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

/** Turns an explained GraphQL failure into the sentences the error alert shows. */
export function describeError(error: ExplainedError, t: Translate): ErrorDescription {
  switch (error.code) {
    case 'RESERVATION_CONFLICT':
      // The server names the reservations in the way; its message completes the sentence.
      return {
        message: t('error.RESERVATION_CONFLICT', { detail: error.serverMessage ?? t('error.RESERVATION_CONFLICT.detail') }),
        detail: null,
      };
    case 'NETWORK':
      return { message: t('error.NETWORK'), detail: null };
    case 'UNKNOWN':
      return { message: t('error.UNKNOWN'), detail: null };
    default:
      return {
        message: t(`error.${error.code}`),
        detail: error.serverMessage ? t('error.serverMessage', { message: error.serverMessage }) : null,
      };
  }
}
