import { describe, expect, it } from 'vitest';
import { freeSlotSearch } from './free-slot-search.js';

const room = { id: 'salle', rules: { minDurationMinutes: 15, slotGranularityMinutes: 15 } };
const van = { id: 'camion', rules: { minDurationMinutes: 120, slotGranularityMinutes: 30 } };
const now = { shownFrom: '2025-03-17', today: '2025-03-20' };

describe('freeSlotSearch', () => {
  it('looks for a slot as long as the one typed in the form', () => {
    const search = freeSlotSearch({ date: '2025-03-24', endDate: '', startTime: '10:00', endTime: '12:30', quantity: '1' }, [room], now);
    expect(search).toMatchObject({ resourceIds: ['salle'], durationMinutes: 150, quantity: 1 });
  });

  it('looks for a slot over as many days as the one typed, from its start to its end', () => {
    const threeDays = freeSlotSearch({ date: '2025-03-24', startTime: '09:00', endDate: '2025-03-26', endTime: '17:00', quantity: '1' }, [van], now);
    expect(threeDays.durationMinutes).toBe(2 * 24 * 60 + 8 * 60);
    // Over the night summer time starts, the day has 23 hours.
    const overTheChange = freeSlotSearch({ date: '2025-03-29', startTime: '12:00', endDate: '2025-03-30', endTime: '12:00', quantity: '1' }, [van], now);
    expect(overTheChange.durationMinutes).toBe(23 * 60);
  });

  it('looks for an hour when no time is typed, or longer when a resource requires it', () => {
    expect(freeSlotSearch({ date: '2025-03-24', endDate: '', startTime: '', endTime: '', quantity: '1' }, [room], now).durationMinutes).toBe(60);
    expect(freeSlotSearch({ date: '2025-03-24', endDate: '', startTime: '', endTime: '', quantity: '1' }, [room, van], now).durationMinutes).toBe(120);
  });

  it('searches the current week from the start of today, never from its past days, for the quantity typed', () => {
    const search = freeSlotSearch({ date: '2025-03-24', endDate: '', startTime: '', endTime: '', quantity: '3' }, [room], now);
    expect(search.firstDay).toBe('2025-03-20');
    expect(search.from.toISOString()).toBe('2025-03-19T23:00:00.000Z');
    expect(search.to.toISOString()).toBe('2025-05-18T22:00:00.000Z');
    expect(search.quantity).toBe(3);
    expect(freeSlotSearch({ date: '2025-03-24', endDate: '', startTime: '', endTime: '', quantity: 'abc' }, [room], now).quantity).toBe(1);
  });

  it('searches a later week from its Monday, Paris midnight, over sixty days', () => {
    const search = freeSlotSearch({ date: '2025-03-24', endDate: '', startTime: '', endTime: '', quantity: '1' }, [room], { shownFrom: '2025-12-08', today: '2025-03-20' });
    expect(search.firstDay).toBe('2025-12-08');
    expect(search.from.toISOString()).toBe('2025-12-07T23:00:00.000Z');
    expect(search.to.toISOString()).toBe('2026-02-05T23:00:00.000Z');
  });
});
