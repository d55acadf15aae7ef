import { describe, expect, it } from 'vitest';
import { parisLocalToInstant, parisToday, parseClockTime, startOfParisDay, toParisIsoString, toParisLocalTime } from './paris-time.js';

describe('parisLocalToInstant', () => {
  it('turns Paris wall-clock times into instants with the winter and summer offsets', () => {
    expect(parisLocalToInstant('2025-01-15', 10 * 60)?.toISOString()).toBe('2025-01-15T09:00:00.000Z');
    expect(parisLocalToInstant('2025-07-15', 10 * 60)?.toISOString()).toBe('2025-07-15T08:00:00.000Z');
  });

  it('has no instant for the hour skipped when summer time starts (30 March 2025, 02:00–03:00)', () => {
    expect(parisLocalToInstant('2025-03-30', 2 * 60 + 30)).toBeUndefined();
    expect(parisLocalToInstant('2025-03-30', 3 * 60)?.toISOString()).toBe('2025-03-30T01:00:00.000Z');
  });

  it('takes the first of the two 02:30 that happen when summer time ends (26 October 2025)', () => {
    expect(parisLocalToInstant('2025-10-26', 2 * 60 + 30)?.toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('reads 24:00 as the next midnight', () => {
    expect(parisLocalToInstant('2025-03-29', 24 * 60)?.toISOString()).toBe('2025-03-29T23:00:00.000Z');
  });
});

describe('toParisIsoString', () => {
  it('writes the instant with the Paris offset in force at that instant', () => {
    expect(toParisIsoString(new Date('2025-01-15T09:00:00Z'))).toBe('2025-01-15T10:00:00+01:00');
    expect(toParisIsoString(new Date('2025-07-15T08:00:00Z'))).toBe('2025-07-15T10:00:00+02:00');
    expect(toParisIsoString(new Date('2025-10-26T00:30:00Z'))).toBe('2025-10-26T02:30:00+02:00');
    expect(toParisIsoString(new Date('2025-10-26T01:30:00Z'))).toBe('2025-10-26T02:30:00+01:00');
  });

  it('round-trips: the written string is the same instant', () => {
    for (const iso of ['2025-03-30T00:59:00Z', '2025-03-30T01:00:00Z', '2025-12-31T23:00:00Z']) {
      expect(Date.parse(toParisIsoString(new Date(iso)))).toBe(Date.parse(iso));
    }
  });
});

describe('Paris calendar', () => {
  it('starts a Paris day at 23:00 or 22:00 UTC the day before', () => {
    expect(startOfParisDay('2025-01-15').toISOString()).toBe('2025-01-14T23:00:00.000Z');
    expect(startOfParisDay('2025-07-15').toISOString()).toBe('2025-07-14T22:00:00.000Z');
  });

  it('knows it is already tomorrow in Paris at 23:30 UTC', () => {
    expect(parisToday(new Date('2025-06-01T23:30:00Z'))).toBe('2025-06-02');
    expect(toParisLocalTime(new Date('2025-06-01T23:30:00Z'))).toMatchObject({ weekday: 1, minuteOfDay: 90 });
  });

  it('parses HH:MM clock times up to 24:00 and rejects the rest', () => {
    expect(parseClockTime('08:30')).toBe(510);
    expect(parseClockTime('24:00')).toBe(1440);
    expect(parseClockTime('24:30')).toBeUndefined();
    expect(parseClockTime('8:30')).toBeUndefined();
  });
});
