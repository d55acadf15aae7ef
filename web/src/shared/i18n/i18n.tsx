import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from './fr.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locale.js';
import { isMessageKey, translate, type MessageParams } from './translate.js';

const LOCALE_STORAGE_KEY = 'mutua.locale';

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: MessageParams) => string;
  /**
   * The label of a server enum value (`label('role', 'MEMBER')`). A value this version of the
   * interface does not know yet is shown as sent rather than hidden.
   */
  label: (prefix: 'role' | 'legalForm' | 'resourceKind' | 'reservationStatus', value: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      label: (prefix, enumValue) => {
        const key = `${prefix}.${enumValue}`;
        return isMessageKey(key) ? translate(locale, key) : enumValue;
      },
    }),
    [locale, setLocale],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('Invariant violated: useI18n outside I18nProvider');
  return i18n;
}
