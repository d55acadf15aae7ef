import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDayHeading,
  formatDurationMinutes,
  formatMoneyCents,
  formatMonth,
  formatParisDateTime,
  formatParisTime,
  formatWeekdayLong,
  formatWeekdayShort,
} from './format.js';

/** Narrow no-break space (thousands) and no-break space (before €), as French typography and CLDR want. */
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatMoneyCents', () => {
  it('writes euros the French way: 1 234,56 €', () => {
    expect(formatMoneyCents(123_456, 'fr')).toBe(`1${NNBSP}234,56${NBSP}€`);
  });

  it('keeps both cent digits and groups every three digits', () => {
    expect(formatMoneyCents(0, 'fr')).toBe(`0,00${NBSP}€`);
    expect(formatMoneyCents(5, 'fr')).toBe(`0,05${NBSP}€`);
    expect(formatMoneyCents(100, 'fr')).toBe(`1,00${NBSP}€`);
    expect(formatMoneyCents(99_999, 'fr')).toBe(`999,99${NBSP}€`);
    expect(formatMoneyCents(123_456_789_00, 'fr')).toBe(`123${NNBSP}456${NNBSP}789,00${NBSP}€`);
  });

  it('shows what a member is owed with a minus sign', () => {
    expect(formatMoneyCents(-123_456, 'fr')).toBe(`-1${NNBSP}234,56${NBSP}€`);
    expect(formatMoneyCents(-7, 'fr')).toBe(`-0,07${NBSP}€`);
  });

  it('is exact to the cent for the largest safe amounts, where floating-point euros would not be', () => {
    expect(formatMoneyCents(Number.MAX_SAFE_INTEGER, 'fr')).toBe(
      `90${NNBSP}071${NNBSP}992${NNBSP}547${NNBSP}409,91${NBSP}€`,
    );
  });

  it('agrees with Intl.NumberFormat for ordinary amounts', () => {
    const intlFr = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    const intlEn = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
    for (const cents of [0, 1, 99, 1_000, 123_456, 100_000_000, -250_075]) {
      expect(formatMoneyCents(cents, 'fr')).toBe(intlFr.format(cents / 100));
      expect(formatMoneyCents(cents, 'en')).toBe(intlEn.format(cents / 100));
    }
  });

  it('writes English amounts as €1,234.56', () => {
    expect(formatMoneyCents(123_456, 'en')).toBe('€1,234.56');
    expect(formatMoneyCents(-123_456, 'en')).toBe('-€1,234.56');
  });

  it('refuses an amount that is not a whole number of cents', () => {
    expect(() => formatMoneyCents(12.5, 'fr')).toThrow(/whole number of cents/);
  });
});

describe('calendar dates', () => {
  it('prints a Date scalar as the same calendar day, whatever the zone', () => {
    expect(formatDate('2025-03-24', 'fr')).toBe('24 mars 2025');
    expect(formatDate('2025-01-01', 'en')).toBe('1 January 2025');
  });

  it('writes the first of the month 1er in French', () => {
    expect(formatDate('2025-01-01', 'fr')).toBe('1er janvier 2025');
    expect(formatDayHeading('2025-12-01', 'fr')).toBe('lun. 1er déc.');
    expect(formatDate('2025-01-11', 'fr')).toBe('11 janvier 2025');
  });

  it('names week-grid columns with a short weekday', () => {
    expect(formatDayHeading('2025-03-24', 'fr')).toBe('lun. 24 mars');
    expect(formatWeekdayShort(1, 'fr')).toBe('lun.');
    expect(formatWeekdayShort(7, 'fr')).toBe('dim.');
    expect(formatWeekdayLong(1, 'fr')).toBe('lundi');
    expect(formatWeekdayLong(7, 'en')).toBe('Sunday');
  });

  it('heads a month with its name and year, the same in every zone', () => {
    expect(formatMonth('2026-06', 'fr')).toBe('juin 2026');
    expect(formatMonth('2026-01', 'en')).toBe('January 2026');
  });
});

describe('instants in Europe/Paris', () => {
  it('reads a UTC instant at the Paris wall-clock time, winter (UTC+1) and summer (UTC+2)', () => {
    expect(formatParisTime('2025-01-15T09:00:00Z')).toBe('10:00');
    expect(formatParisTime('2025-07-15T09:00:00Z')).toBe('11:00');
  });

  it('reads an instant given with another offset at the Paris time too', () => {
    expect(formatParisTime('2025-07-15T05:30:00-04:00')).toBe('11:30');
  });

  it('prints date and time together in Paris', () => {
    expect(formatParisDateTime('2025-03-30T23:30:00Z', 'fr')).toMatch(/^lun\. 31 mars 2025.*01:30$/);
  });
});

describe('formatDurationMinutes', () => {
  it('reads short durations in minutes and longer ones in hours and minutes', () => {
    expect(formatDurationMinutes(45, 'fr')).toBe(`45${NBSP}min`);
    expect(formatDurationMinutes(60, 'fr')).toBe(`1${NBSP}h`);
    expect(formatDurationMinutes(90, 'fr')).toBe(`1${NBSP}h${NBSP}30`);
    expect(formatDurationMinutes(125, 'en')).toBe(`2${NBSP}h${NBSP}05`);
  });

  it('reads whole days in days, singular and plural', () => {
    expect(formatDurationMinutes(24 * 60, 'fr')).toBe(`1${NBSP}jour`);
    expect(formatDurationMinutes(31 * 24 * 60, 'fr')).toBe(`31${NBSP}jours`);
    expect(formatDurationMinutes(2 * 24 * 60, 'en')).toBe(`2${NBSP}days`);
    expect(formatDurationMinutes(36 * 60, 'fr')).toBe(`36${NBSP}h`);
  });

  it('says 0 min for no time at all, and refuses fractions of a minute', () => {
    expect(formatDurationMinutes(0, 'fr')).toBe(`0${NBSP}min`);
    expect(() => formatDurationMinutes(1.5, 'fr')).toThrow(/whole number of minutes/);
  });
});
