import { describe, expect, it } from 'vitest';
import { cancellationTerms } from './cancellation-terms.js';

const laser = { hourlyRateCents: 2_500, rules: { cancellationDeadlineMinutes: 24 * 60 } };
const confirmed = { start: '2025-03-24T09:00:00Z', status: 'CONFIRMED' };

describe('cancellationTerms', () => {
  it('is free until the deadline before the start', () => {
    expect(cancellationTerms(confirmed, laser, new Date('2025-03-22T09:00:00Z'))).toEqual({
      kind: 'freeUntil',
      deadline: new Date('2025-03-23T09:00:00Z'),
    });
    expect(cancellationTerms(confirmed, laser, new Date('2025-03-23T09:00:00Z')).kind).toBe('freeUntil');
  });

  it('keeps the charge once the deadline has passed', () => {
    expect(cancellationTerms(confirmed, laser, new Date('2025-03-23T09:00:01Z'))).toEqual({
      kind: 'charged',
      deadline: new Date('2025-03-23T09:00:00Z'),
    });
  });

  it('costs nothing for a request not yet approved, or for a resource not charged by the hour', () => {
    expect(cancellationTerms({ ...confirmed, status: 'REQUESTED' }, laser, new Date('2025-03-24T08:00:00Z')).kind).toBe('request');
    expect(cancellationTerms(confirmed, { ...laser, hourlyRateCents: 0 }, new Date('2025-03-24T08:00:00Z')).kind).toBe('notCharged');
  });
});
