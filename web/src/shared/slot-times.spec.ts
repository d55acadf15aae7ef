import { describe, expect, it } from 'vitest';
import { describeTimes } from './slot-times.js';
import { translate } from './i18n/translate.js';
import type { MessageKey } from './i18n/fr.js';
import type { MessageParams } from './i18n/translate.js';

const french = { t: (key: MessageKey, params?: MessageParams) => translate('fr', key, params), locale: 'fr' as const };

describe('describeTimes', () => {
  it('writes a slot within one day as its two times, in Paris', () => {
    expect(describeTimes({ start: '2026-06-08T08:00:00Z', end: '2026-06-08T10:00:00Z' }, french)).toBe('10:00–12:00');
  });

  it('names the day a slot over several days ends on', () => {
    expect(describeTimes({ start: '2026-06-08T07:00:00Z', end: '2026-06-10T15:00:00Z' }, french)).toMatch(/^09:00 – mer\.? 10 juin, 17:00$/);
  });

  it('keeps a slot ending at the midnight that ends its day on that day', () => {
    expect(describeTimes({ start: '2026-06-08T20:00:00Z', end: '2026-06-08T22:00:00Z' }, french)).toBe('22:00–00:00');
  });
});
