import { describe, it } from 'vitest';
import { specification } from '../shared/decider-specification.js';
import { type UsageEvent, usageDecider } from './usage-entry.js';

const recorded: UsageEvent = {
  type: 'UsageRecorded',
  data: { entryId: 'u1', resourceId: 'laser', memberId: 'coop', start: '2026-03-10T08:00:00.000Z', end: '2026-03-10T10:00:00.000Z', note: null },
};
const given = specification(usageDecider);

describe('reversing a usage entry', () => {
  it('reverses an entry of an open period in it, with its reason', () => {
    given([recorded]).when({ type: 'ReverseUsage', data: { entryId: 'u1', reason: ' Saisie en double ', late: null } })
      .then([{ type: 'UsageReversed', data: { entryId: 'u1', resourceId: 'laser', memberId: 'coop', reason: 'Saisie en double' } }]);
  });

  it('reverses an entry of a closed period on a later day, naming the period it corrects', () => {
    const late = { reversedOn: '2026-04-20', originalPeriodId: 'mars' };
    given([recorded]).when({ type: 'ReverseUsage', data: { entryId: 'u1', reason: 'Saisie en double', late } })
      .then([{ type: 'UsageReversed', data: { entryId: 'u1', resourceId: 'laser', memberId: 'coop', reason: 'Saisie en double', late } }]);
  });

  it('refuses a late reversal dated on or before the entry’s day, or on no date, and a second reversal', () => {
    for (const reversedOn of ['2026-03-10', '2026-03-01', '20 avril']) {
      given([recorded]).when({ type: 'ReverseUsage', data: { entryId: 'u1', reason: 'Saisie en double', late: { reversedOn, originalPeriodId: 'mars' } } })
        .thenRefusedWith('VALIDATION_FAILED', /datée après lui/);
    }
    given([recorded, { type: 'UsageReversed', data: { entryId: 'u1', resourceId: 'laser', memberId: 'coop', reason: 'Erreur' } }])
      .when({ type: 'ReverseUsage', data: { entryId: 'u1', reason: 'Saisie en double', late: null } })
      .thenRefusedWith('VALIDATION_FAILED', /déjà contre-passée/);
  });
});
