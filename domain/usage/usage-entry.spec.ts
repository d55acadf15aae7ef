import { describe, expect, it } from 'vitest';
import { specification } from '../shared/decider-specification.js';
import { type UsageEvent, usageDecider, usageMinutesOf } from './usage-entry.js';

const recorded: UsageEvent = {
  type: 'UsageRecorded',
  data: { entryId: 'u1', resourceId: 'laser', memberId: 'coop', start: '2026-03-10T08:00:00.000Z', end: '2026-03-10T10:00:00.000Z', note: null },
};
const given = specification(usageDecider);

describe('reversing a usage entry', () => {
  it('reverses an entry of an open period in it, with its reason', () => {
    given([recorded]).when({ type: 'ReverseUsage', data: { entryId: 'u1', reason: ' Saisie en double ' } })
      .then([{ type: 'UsageReversed', data: { entryId: 'u1', resourceId: 'laser', memberId: 'coop', reason: 'Saisie en double' } }]);
  });

  it('refuses a reversal without a reason, and a second reversal', () => {
    given([recorded]).when({ type: 'ReverseUsage', data: { entryId: 'u1', reason: '  ' } }).thenRefusedWith('VALIDATION_FAILED', /motif/);
    given([recorded, { type: 'UsageReversed', data: { entryId: 'u1', resourceId: 'laser', memberId: 'coop', reason: 'Erreur' } }])
      .when({ type: 'ReverseUsage', data: { entryId: 'u1', reason: 'Saisie en double' } })
      .thenRefusedWith('VALIDATION_FAILED', /déjà contre-passée/);
  });
});

describe('an entry’s length', () => {
  it('counts the minutes between its start and end, across a change of the Paris clock too', () => {
    expect(usageMinutesOf(recorded.data)).toBe(120);
    // The night the clocks go forward: 01:30 to 03:30 in Paris is one hour.
    expect(usageMinutesOf({ start: '2026-03-29T01:30:00+01:00', end: '2026-03-29T03:30:00+02:00' })).toBe(60);
  });
});
