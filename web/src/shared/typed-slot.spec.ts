import { describe, expect, it } from 'vitest';
import { typedSlot } from './typed-slot.js';

describe('typedSlot', () => {
  it('reads the times as Paris wall-clock times, whatever the browser’s zone', () => {
    expect(typedSlot({ date: '2026-06-02', startTime: '09:00', endDate: '', endTime: '10:30' })).toEqual({
      ok: true,
      start: new Date('2026-06-02T07:00:00Z'),
      end: new Date('2026-06-02T08:30:00Z'),
    });
  });

  it('reads an end at 00:00 as the midnight that ends the day', () => {
    const slot = typedSlot({ date: '2026-01-15', startTime: '22:00', endDate: '', endTime: '00:00' });
    expect(slot).toEqual({ ok: true, start: new Date('2026-01-15T21:00:00Z'), end: new Date('2026-01-15T23:00:00Z') });
  });

  it('names what is wrong: a missing time, an end before the start, an hour the clock change skips', () => {
    expect(typedSlot({ date: '2026-06-02', startTime: '', endDate: '', endTime: '10:00' })).toEqual({ ok: false, problem: 'reserve.error.missingTimes' });
    expect(typedSlot({ date: '2026-06-02', startTime: '10:00', endDate: '', endTime: '09:00' })).toEqual({ ok: false, problem: 'reserve.error.endBeforeStart' });
    expect(typedSlot({ date: '2026-03-29', startTime: '02:30', endDate: '', endTime: '04:00' })).toEqual({ ok: false, problem: 'reserve.error.nonexistentTime' });
  });
});
