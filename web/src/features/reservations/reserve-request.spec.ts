import { describe, expect, it } from 'vitest';
import { buildReserveRequest, buildSeriesRequest, type ReserveFormValues } from './reserve-request.js';

const room = { id: 'salle-quai', capacity: 1 };
const coworking = { id: 'coworking', capacity: 12 };
const filled: ReserveFormValues = {
  date: '2025-03-24',
  startTime: '10:00',
  endDate: '',
  endTime: '12:00',
  quantity: '1',
  memberId: 'asso-1',
  purpose: '',
};

describe('buildReserveRequest', () => {
  it('sends Paris wall-clock times with the Paris offset of that day', () => {
    expect(buildReserveRequest(filled, room)).toEqual({
      ok: true,
      input: {
        resourceId: 'salle-quai',
        memberId: 'asso-1',
        start: '2025-03-24T10:00:00+01:00',
        end: '2025-03-24T12:00:00+01:00',
        quantity: 1,
      },
    });
  });

  it('uses the summer offset after the clocks change', () => {
    const request = buildReserveRequest({ ...filled, date: '2025-03-31' }, room);
    expect(request.ok && request.input.start).toBe('2025-03-31T10:00:00+02:00');
  });

  it('refuses a time that does not exist in Paris on the night summer time starts', () => {
    expect(buildReserveRequest({ ...filled, date: '2025-03-30', startTime: '02:30', endTime: '04:00' }, room)).toEqual({
      ok: false,
      problem: 'reserve.error.nonexistentTime',
    });
  });

  it('reads an end at 00:00 as the midnight that ends the day, which a time field cannot write 24:00', () => {
    const request = buildReserveRequest({ ...filled, startTime: '22:00', endTime: '00:00' }, room);
    expect(request.ok && [request.input.start, request.input.end]).toEqual(['2025-03-24T22:00:00+01:00', '2025-03-25T00:00:00+01:00']);
    // The night summer time starts: the midnight that ends the 29th is still in winter time.
    const beforeTheChange = buildReserveRequest({ ...filled, date: '2025-03-29', startTime: '20:00', endTime: '00:00' }, room);
    expect(beforeTheChange.ok && beforeTheChange.input.end).toBe('2025-03-30T00:00:00+01:00');
  });

  it('ends on the end date for a reservation over several days, an end at 00:00 being the midnight that ends it', () => {
    const request = buildReserveRequest({ ...filled, startTime: '09:00', endDate: '2025-03-26', endTime: '17:00' }, room);
    expect(request.ok && [request.input.start, request.input.end]).toEqual(['2025-03-24T09:00:00+01:00', '2025-03-26T17:00:00+01:00']);
    // Across the change to summer time, each end keeps its own day's offset.
    const acrossTheChange = buildReserveRequest({ ...filled, date: '2025-03-29', startTime: '08:00', endDate: '2025-03-31', endTime: '00:00' }, room);
    expect(acrossTheChange.ok && [acrossTheChange.input.start, acrossTheChange.input.end]).toEqual(['2025-03-29T08:00:00+01:00', '2025-04-01T00:00:00+02:00']);
    // On a later day, the end time may be earlier in the day than the start time.
    const overnight = buildReserveRequest({ ...filled, startTime: '18:00', endDate: '2025-03-25', endTime: '08:00' }, room);
    expect(overnight.ok && overnight.input.end).toBe('2025-03-25T08:00:00+01:00');
  });

  it('refuses an end date before the start date', () => {
    expect(buildReserveRequest({ ...filled, endDate: '2025-03-23' }, room)).toEqual({ ok: false, problem: 'reserve.error.endDateBeforeStart' });
    expect(buildReserveRequest({ ...filled, endDate: '2025-3-26' }, room)).toEqual({ ok: false, problem: 'reserve.error.missingEndDate' });
  });

  it('refuses an end that is not after the start', () => {
    expect(buildReserveRequest({ ...filled, endTime: '10:00' }, room)).toMatchObject({ problem: 'reserve.error.endBeforeStart' });
  });

  it('asks for the missing date, times or member', () => {
    expect(buildReserveRequest({ ...filled, date: '' }, room)).toMatchObject({ problem: 'reserve.error.missingDate' });
    expect(buildReserveRequest({ ...filled, startTime: '' }, room)).toMatchObject({ problem: 'reserve.error.missingTimes' });
    expect(buildReserveRequest({ ...filled, memberId: '' }, room)).toMatchObject({ problem: 'reserve.error.memberRequired' });
  });

  it('sends the quantity only within the capacity of a shared resource', () => {
    const request = buildReserveRequest({ ...filled, quantity: '3' }, coworking);
    expect(request.ok && request.input.quantity).toBe(3);
    expect(buildReserveRequest({ ...filled, quantity: '13' }, coworking)).toEqual({
      ok: false,
      problem: 'reserve.error.quantityRange',
      params: { capacity: 12 },
    });
    expect(buildReserveRequest({ ...filled, quantity: '1.5' }, coworking)).toMatchObject({ ok: false });
  });

  it('books one unit of an exclusive resource whatever the quantity field holds', () => {
    const request = buildReserveRequest({ ...filled, quantity: '' }, room);
    expect(request.ok && request.input.quantity).toBe(1);
  });

  it('sends a trimmed purpose, and none when it is blank', () => {
    const request = buildReserveRequest({ ...filled, purpose: '  Conseil d’administration ' }, room);
    expect(request.ok && request.input.purpose).toBe('Conseil d’administration');
    const blank = buildReserveRequest({ ...filled, purpose: '   ' }, room);
    expect(blank.ok && 'purpose' in blank.input).toBe(false);
  });
});

describe('buildSeriesRequest', () => {
  const weekly = { ...filled, resourceId: 'salle-quai', repeatWeekly: true, until: '2025-04-28', mode: 'SKIP_CONFLICTS' as const };

  it('repeats the form’s slot every week up to the last date, in the chosen mode', () => {
    expect(buildSeriesRequest(weekly, room)).toEqual({
      ok: true,
      input: {
        resourceId: 'salle-quai',
        memberId: 'asso-1',
        start: '2025-03-24T10:00:00+01:00',
        end: '2025-03-24T12:00:00+01:00',
        quantity: 1,
        until: '2025-04-28',
        mode: 'SKIP_CONFLICTS',
      },
    });
  });

  it('checks the slot first, then asks for a last date after the first occurrence', () => {
    expect(buildSeriesRequest({ ...weekly, endTime: '09:00' }, room)).toMatchObject({ problem: 'reserve.error.endBeforeStart' });
    expect(buildSeriesRequest({ ...weekly, until: '' }, room)).toMatchObject({ problem: 'series.error.missingUntil' });
    expect(buildSeriesRequest({ ...weekly, until: '2025-03-24' }, room)).toMatchObject({ problem: 'series.error.untilBeforeStart' });
  });
});
