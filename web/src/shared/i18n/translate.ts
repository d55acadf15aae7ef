import { MessageBook, type MessageValues } from '../../../../shared/icu-messages.js';
import { en } from './en.js';
import { fr, type Catalogue, type MessageKey } from './fr.js';
import { INTL_LOCALE, type Locale } from './locale.js';

export const CATALOGUES: Record<Locale, Catalogue> = { fr, en };

export type MessageParams = MessageValues;

/** One book per locale: each message is compiled the first time it is shown, then kept. */
const BOOKS: Record<Locale, MessageBook<MessageKey>> = {
  fr: new MessageBook(INTL_LOCALE.fr, fr),
  en: new MessageBook(INTL_LOCALE.en, en),
};

/**
 * The message for `key` in `locale`, written in ICU MessageFormat (`{name}`, `{count, number}`,
 * `{count, plural, one {…} other {…}}`) and filled with `params`. A missing parameter throws:
 * it is a bug, and the screen's tests catch it.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return BOOKS[locale].format(key, params);
}

/** Whether `key` names a message, for labels built from server enums (`role.${role}`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}
