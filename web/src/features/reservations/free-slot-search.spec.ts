import { describe, expect, it } from 'vitest';
import { freeSlotSearch } from './free-slot-search.js';

const room = { id: 'salle', rules: { minDurationMinutes: 15, slotGranularityMinutes: 15 } };
const van = { id: 'camion', rules: { minDurationMinutes: 120, slotGranularityMinutes: 30 } };
const now = new Date('2025-03-20T10:07:00Z');

describe('freeSlotSearch', () => {
  it('looks for a slot as long as the one typed in the form', () => {
    const search = freeSlotSearch({ startTime: '10:00', endTime: '12:30', quantity: '1' }, [room], now);
    expect(search).toMatchObject({ resourceIds: ['salle'], durationMinutes: 150, quantity: 1 });
  });

  it('looks for an hour when no time is typed, or longer when a resource requires it', () => {
    expect(freeSlotSearch({ startTime: '', endTime: '', quantity: '1' }, [room], now).durationMinutes).toBe(60);
    expect(freeSlotSearch({ startTime: '', endTime: '', quantity: '1' }, [room, van], now).durationMinutes).toBe(120);
  });

  it('searches from now over the next sixty days, for the quantity typed', () => {
    const search = freeSlotSearch({ startTime: '', endTime: '', quantity: '3' }, [room], now);
    expect(search.from).toEqual(now);
    expect(search.to.toISOString()).toBe('2025-05-19T10:07:00.000Z');
    expect(search.quantity).toBe(3);
    expect(freeSlotSearch({ startTime: '', endTime: '', quantity: 'abc' }, [room], now).quantity).toBe(1);
  });
});
