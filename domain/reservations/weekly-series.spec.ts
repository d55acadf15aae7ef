import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { weeklyOccurrences } from './weekly-series.js';

describe('the occurrences of a weekly series', () => {
  it('keep their Paris wall-clock times across the change to summer time', () => {
    // Tuesdays 14:00–16:00 in Paris, from 23 March 2027 (UTC+1) to 30 March 2027 (UTC+2).
    const occurrences = weeklyOccurrences(new Date('2027-03-23T13:00:00Z'), new Date('2027-03-23T15:00:00Z'), '2027-03-30');
    expect(occurrences.map(({ start, end }) => [start.toISOString(), end.toISOString()])).toEqual([
      ['2027-03-23T13:00:00.000Z', '2027-03-23T15:00:00.000Z'],
      ['2027-03-30T12:00:00.000Z', '2027-03-30T14:00:00.000Z'],
    ]);
  });

  it('are refused with the day named when one falls in the hour the change to summer time skips', () => {
    // Sundays 02:30–03:30 in Paris: on 28 March 2027 clocks go from 02:00 straight to 03:00.
    let refusal: unknown;
    try {
      weeklyOccurrences(new Date('2027-03-21T01:30:00Z'), new Date('2027-03-21T02:30:00Z'), '2027-04-04');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/28 mars 2027/) as unknown });
  });
});
