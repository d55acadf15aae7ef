import { describe, expect, it } from 'vitest';
import { type ResourceFacts } from '../resources/resource.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { findFreeSlots } from './free-slots.js';

const laser: ResourceFacts = {
  resourceId: 'laser', name: 'Découpeuse laser', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 2_500, ownerMemberId: 'fablab', areaM2: null,
  // Tuesday 09:00–12:00 and 14:00–18:00, Paris time.
  openingHours: [{ weekday: 2, opens: '09:00', closes: '12:00' }, { weekday: 2, opens: '14:00', closes: '18:00' }],
  rules: { ...DEFAULT_BOOKING_RULES, slotGranularityMinutes: 30, bufferMinutes: 30 },
  closures: [],
  siteId: null,
};
const now = new Date('2026-11-25T08:00:00Z');
const tuesday = { from: new Date('2026-11-30T23:00:00Z'), to: new Date('2026-12-01T23:00:00Z') };
const times = (slots: Array<{ start: Date }>) =>
  slots.map((slot) => slot.start.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }));

describe('free slots', () => {
  it('offers every start on the grid inside the opening intervals', () => {
    const slots = findFreeSlots({ resource: laser, booked: [], ...tuesday, durationMinutes: 120, quantity: 1, now, limit: 50 });
    expect(times(slots)).toEqual(['09:00', '09:30', '10:00', '14:00', '14:30', '15:00', '15:30', '16:00']);
  });

  it('keeps the buffer free around a reservation', () => {
    // Booked 10:00–11:00 Paris: with 30 min of buffer on each side, only 09:00–09:30 and 11:30–12:00 fit in the morning.
    const booked = [{ start: '2026-12-01T09:00:00.000Z', end: '2026-12-01T10:00:00.000Z', quantity: 1 }];
    const slots = findFreeSlots({ resource: laser, booked, ...tuesday, durationMinutes: 30, quantity: 1, now, limit: 50 });
    expect(times(slots).filter((time) => time < '12:00')).toEqual(['09:00', '11:30']);
  });

  it('skips closed dates and returns the first free slot after them', () => {
    const closed = { ...laser, closures: [{ from: '2026-12-01', to: '2026-12-02', reason: 'Maintenance' }] };
    const slots = findFreeSlots({ resource: closed, booked: [], from: tuesday.from, to: new Date('2026-12-09T00:00:00Z'), durationMinutes: 60, quantity: 1, now, limit: 1 });
    expect(slots[0]?.start.toISOString()).toBe('2026-12-08T08:00:00.000Z');
  });

  it('lets an always-open resource run across midnight', () => {
    const van = { ...laser, openingHours: [], rules: { ...DEFAULT_BOOKING_RULES, slotGranularityMinutes: 60 } };
    const slots = findFreeSlots({ resource: van, booked: [], from: new Date('2026-12-01T22:00:00Z'), to: new Date('2026-12-03T00:00:00Z'), durationMinutes: 24 * 60, quantity: 1, now, limit: 2 });
    expect(slots.map((slot) => slot.start.toISOString())).toEqual(['2026-12-01T22:00:00.000Z', '2026-12-01T23:00:00.000Z']);
  });

  it('offers nothing before the minimum notice or for a duration off the grid', () => {
    const notice = { ...laser, rules: { ...laser.rules, minNoticeMinutes: 7 * 24 * 60 } };
    expect(findFreeSlots({ resource: notice, booked: [], ...tuesday, durationMinutes: 60, quantity: 1, now, limit: 5 })).toEqual([]);
    expect(findFreeSlots({ resource: laser, booked: [], ...tuesday, durationMinutes: 45, quantity: 1, now, limit: 5 })).toEqual([]);
  });
});
