import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatFrenchDate,
  fromParisWallClock,
  isInPeriod,
  parisDateOf,
  parisLocalToInstant,
  parseClockTime,
  startOfParisDay,
  toParisIsoString,
  toParisLocalTime,
} from './paris-time.js';

const HOUR_MS = 3_600_000;

/** The last Sunday of a month, computed without any time zone: EU summer time turns there at 01:00 UTC. */
function lastSunday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last.toISOString().slice(0, 10);
}

/** Instants to the minute across ten years of clock changes, near them more often than not. */
const instants = fc.oneof(
  fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:00Z'), noInvalidDate: true }),
  fc.record({ year: fc.integer({ min: 2020, max: 2030 }), month: fc.constantFrom(3, 10), minutes: fc.integer({ min: -180, max: 180 }) })
    .map(({ year, month, minutes }) => new Date(Date.parse(`${lastSunday(year, month)}T01:00:00Z`) + minutes * 60_000)),
).map((instant) => new Date(Math.floor(instant.getTime() / 60_000) * 60_000));

describe('Paris wall-clock times and instants', () => {
  it('turns Paris wall-clock times into instants with the winter and summer offsets', () => {
    expect(fromParisWallClock('2025-01-15', 10 * 60).toISOString()).toBe('2025-01-15T09:00:00.000Z');
    expect(fromParisWallClock('2025-07-15', 10 * 60).toISOString()).toBe('2025-07-15T08:00:00.000Z');
  });

  it('has no instant for the hour skipped when summer time starts (30 March 2025, 02:00–03:00)', () => {
    expect(parisLocalToInstant('2025-03-30', 2 * 60 + 30)).toBeUndefined();
    expect(() => fromParisWallClock('2025-03-30', 2 * 60 + 30)).toThrow(RangeError);
    expect(fromParisWallClock('2025-03-30', 3 * 60).toISOString()).toBe('2025-03-30T01:00:00.000Z');
  });

  it('takes the first of the two 02:30 that happen when summer time ends (26 October 2025), on the server as in the browser', () => {
    expect(fromParisWallClock('2025-10-26', 2 * 60 + 30).toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(parisLocalToInstant('2025-10-26', 2 * 60 + 30)?.toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('refuses 24:00 and any minute outside the day: the midnight that ends a day is 00:00 of the next', () => {
    expect(parisLocalToInstant('2025-03-29', 24 * 60)).toBeUndefined();
    expect(() => fromParisWallClock('2025-03-29', 24 * 60)).toThrow(RangeError);
    expect(parisLocalToInstant('2025-03-29', -1)).toBeUndefined();
    expect(parisLocalToInstant('2025-03-29', 61.5)).toBeUndefined();
    expect(parisLocalToInstant('2025-02-30', 600)).toBeUndefined();
    expect(fromParisWallClock(addDays('2025-03-29', 1), 0).toISOString()).toBe('2025-03-29T23:00:00.000Z');
  });

  it('reads every instant back from its Paris wall clock, but the second pass of the repeated hour, which reads as the first', () => {
    fc.assert(fc.property(instants, (instant) => {
      const local = toParisLocalTime(instant);
      const back = fromParisWallClock(local.date, local.minuteOfDay);
      const repeatedHour = local.date === lastSunday(instant.getUTCFullYear(), 10) && local.minuteOfDay >= 120 && local.minuteOfDay < 180;
      const secondPass = repeatedHour && toParisIsoString(instant).endsWith('+01:00');
      expect(back.getTime()).toBe(secondPass ? instant.getTime() - HOUR_MS : instant.getTime());
    }), { numRuns: 2_000 });
  });

  it('finds for every wall-clock time its earliest instant, and none only in the hour skipped in March', () => {
    const days = fc.oneof(
      fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((day) => day.toISOString().slice(0, 10)),
      fc.record({ year: fc.integer({ min: 2020, max: 2030 }), month: fc.constantFrom(3, 10), shift: fc.integer({ min: -1, max: 1 }) })
        .map(({ year, month, shift }) => addDays(lastSunday(year, month), shift)),
    );
    fc.assert(fc.property(days, fc.integer({ min: 0, max: 24 * 60 - 1 }), (date, minuteOfDay) => {
      const instant = parisLocalToInstant(date, minuteOfDay);
      const skipped = date === lastSunday(Number(date.slice(0, 4)), 3) && minuteOfDay >= 120 && minuteOfDay < 180;
      if (skipped) {
        expect(instant).toBeUndefined();
        return;
      }
      expect(instant).toBeDefined();
      expect(toParisLocalTime(instant!)).toMatchObject({ date, minuteOfDay });
      // An hour earlier the wall clock read something else: no earlier instant shows the same time.
      expect(toParisLocalTime(new Date(instant!.getTime() - HOUR_MS))).not.toMatchObject({ date, minuteOfDay });
    }), { numRuns: 2_000 });
  });

  it('writes instants with the Paris offset in force, which parse back to the same instant', () => {
    expect(toParisIsoString(new Date('2025-01-15T09:00:00Z'))).toBe('2025-01-15T10:00:00+01:00');
    expect(toParisIsoString(new Date('2025-07-15T08:00:00Z'))).toBe('2025-07-15T10:00:00+02:00');
    expect(toParisIsoString(new Date('2025-10-26T00:30:00Z'))).toBe('2025-10-26T02:30:00+02:00');
    expect(toParisIsoString(new Date('2025-10-26T01:30:00Z'))).toBe('2025-10-26T02:30:00+01:00');
    fc.assert(fc.property(instants, fc.integer({ min: 0, max: 59 }), (instant, second) => {
      const withSeconds = new Date(instant.getTime() + second * 1000);
      expect(Date.parse(toParisIsoString(withSeconds))).toBe(withSeconds.getTime());
    }), { numRuns: 1_000 });
  });
});

describe('Paris calendar', () => {
  it('writes a date as French readers do, the first of the month as « 1er »', () => {
    expect(formatFrenchDate('2027-01-01')).toBe('1er janvier 2027');
    expect(formatFrenchDate('2026-07-14')).toBe('14 juillet 2026');
    expect(formatFrenchDate('2026-12-31')).toBe('31 décembre 2026');
  });

  it('starts a Paris day at 23:00 or 22:00 UTC the day before', () => {
    expect(startOfParisDay('2025-01-15').toISOString()).toBe('2025-01-14T23:00:00.000Z');
    expect(startOfParisDay('2025-07-15').toISOString()).toBe('2025-07-14T22:00:00.000Z');
  });

  it('knows it is already tomorrow in Paris at 23:30 UTC', () => {
    expect(toParisLocalTime(new Date('2025-06-01T23:30:00Z'))).toMatchObject({ date: '2025-06-02', weekday: 1, minuteOfDay: 90 });
  });

  it('gives the Paris date of an instant however it is written, and refuses what is not one', () => {
    for (const instant of [new Date('2025-06-01T23:30:00Z'), '2025-06-01T23:30:00Z', Date.parse('2025-06-01T23:30:00Z')]) {
      expect(parisDateOf(instant)).toBe('2025-06-02');
    }
    expect(parisDateOf('2025-12-31T22:59:59.999Z')).toBe('2025-12-31');
    expect(parisDateOf('2025-12-31T23:00:00Z')).toBe('2026-01-01');
    expect(() => parisDateOf('le 2 juin')).toThrow(RangeError);
    expect(() => parisDateOf(Number.NaN)).toThrow(RangeError);
  });

  it('parses HH:MM clock times of opening hours up to 24:00 and rejects the rest', () => {
    expect(parseClockTime('08:30')).toBe(510);
    expect(parseClockTime('24:00')).toBe(1440);
    expect(parseClockTime('24:30')).toBeUndefined();
    expect(parseClockTime('8:30')).toBeUndefined();
  });

  it('counts whole days between two dates across a clock change, and refuses what is not a date', () => {
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-12-01')).toBe(-30);
    expect(() => daysBetween('2026-12-01', 'demain')).toThrow(RangeError);
  });

  it('holds a date in a period from its first day to the day before its end, across months and years', () => {
    const november = { from: '2026-11-01', to: '2026-12-01' };
    expect(isInPeriod('2026-11-01', november)).toBe(true);
    expect(isInPeriod('2026-11-30', november)).toBe(true);
    expect(isInPeriod('2026-12-01', november)).toBe(false);
    expect(isInPeriod('2026-10-31', november)).toBe(false);
    expect(isInPeriod('2027-01-01', { from: '2026-12-01', to: '2027-01-01' })).toBe(false);
  });
});
