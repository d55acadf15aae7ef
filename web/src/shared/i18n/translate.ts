import { en } from './en.js';
import { fr, type Catalogue, type MessageKey } from './fr.js';
import type { Locale } from './locale.js';

export const CATALOGUES: Record<Locale, Catalogue> = { fr, en };

export type MessageParams = Record<string, string | number>;

/**
 * The message for `key` in `locale`, with each `{name}` replaced by `params[name]`. A placeholder
 * without a value is left visible rather than silently dropped, so a missing parameter shows up
 * on screen and in tests.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGUES[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** Whether `key` names a message, for labels built from server enums (`role.${role}`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}
