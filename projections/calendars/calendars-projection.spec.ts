import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
// The benchmarks' seeded generator, so that a failing sequence can be replayed.
import { seededRandom } from '../../bench/ledger-events.js';
import { type CalendarEvent } from '../../domain/reservations/calendar.js';
import { type ChargeableItemFact } from '../../domain/settlement/settle-period.js';
import { dumpTables, foldIntoTables } from '../tables/fold-into-tables.js';
import { calendarsTables } from './calendars-projection.js';
import {
  activeReservationCount, activeReservationsOfMemberStartingAfter, chargedReservationItemPages, chargedReservationItems,
  findReservation, findReservations, pendingReservations, reservationMadeBy, type ReservationView,
} from './calendars-reads.js';

const HOUR_MS = 3_600_000;
const HISTORY_START_MS = Date.parse('2026-03-02T07:00:00.000Z');
const WHOLE_HISTORY = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };

/**
 * A few months of three resources' calendars: reservations outright and requests, series, requests
 * approved and rejected, cancellations late and in time, soon after the reservation (often in the
 * same batch) or long after, with the epochs' openings and closings in between.
 */
function calendarHistory(seed: number, commandCount: number): RecordedEvent[] {
  const random = seededRandom(seed);
  const pick = <Item>(items: readonly Item[]) => items[Math.floor(random() * items.length)]!;
  const events: RecordedEvent[] = [];
  const append = (event: CalendarEvent, recordedAtMs: number) => {
    const position = events.length + 1;
    events.push({
      id: `event-${position}`, type: event.type, data: event.data, streamId: `calendar-${(event.data as { resourceId: string }).resourceId}`,
      revision: position, position, recordedAt: new Date(recordedAtMs).toISOString(),
      metadata: { correlationId: `c-${position}`, actorUserId: 'u', actorRole: 'COORDINATOR' },
    });
  };
  const active: Array<{ reservationId: string; resourceId: string; memberId: string; status: 'CONFIRMED' | 'REQUESTED' }> = [];
  for (let command = 0, nowMs = HISTORY_START_MS; command < commandCount; command += 1) {
    nowMs += Math.round(random() * 6 * HOUR_MS);
    const draw = random();
    if (draw < 0.55 || active.length === 0) {
      const reservationId = `reservation-${command}`;
      const resourceId = pick(['room', 'van', 'kitchen']);
      const memberId = pick(['a', 'b', 'c']);
      const startMs = nowMs + Math.round(random() * 40) * 12 * HOUR_MS;
      const requested = random() < 0.25;
      append({
        type: requested ? 'ReservationRequested' : 'ResourceReserved',
        data: {
          reservationId, resourceId, memberId, start: new Date(startMs).toISOString(), end: new Date(startMs + pick([1, 2, 30]) * HOUR_MS).toISOString(),
          quantity: pick([1, 1, 2]), purpose: random() < 0.5 ? 'Atelier' : null, seriesId: random() < 0.2 ? `series-${resourceId}` : null,
        },
      }, nowMs);
      active.push({ reservationId, resourceId, memberId, status: requested ? 'REQUESTED' : 'CONFIRMED' });
    } else if (draw < 0.75) {
      // Recent reservations are cancelled most often, as people cancel what they just booked.
      const index = random() < 0.6 ? active.length - 1 - Math.floor(random() * Math.min(3, active.length)) : Math.floor(random() * active.length);
      const [cancelled] = active.splice(index, 1);
      append({
        type: 'ReservationCancelled',
        data: { ...cancelled!, late: cancelled!.status === 'CONFIRMED' && random() < 0.4, reason: random() < 0.5 ? 'Empêchement' : null },
      }, nowMs);
    } else if (draw < 0.9) {
      const request = active.find((reservation) => reservation.status === 'REQUESTED');
      if (!request) continue;
      const { reservationId, resourceId, memberId } = request;
      if (random() < 0.6) {
        append({ type: 'ReservationApproved', data: { reservationId, resourceId, memberId } }, nowMs);
        request.status = 'CONFIRMED';
      } else {
        append({ type: 'ReservationRejected', data: { reservationId, resourceId, memberId, reason: 'Salle en travaux' } }, nowMs);
        active.splice(active.indexOf(request), 1);
      }
    } else {
      const resourceId = pick(['room', 'van', 'kitchen']);
      append({ type: 'CalendarEpochClosed', data: { resourceId, epoch: '2026-03', nextEpoch: '2026-04' } }, nowMs);
      append({ type: 'CalendarEpochOpened', data: { resourceId, epoch: '2026-04', previousEpoch: '2026-03', carried: [] } }, nowMs);
    }
  }
  return events;
}

function randomBatchSizes(seed: number, count: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => 1 + Math.floor(random() * 12));
}

const isActive = (reservation: Pick<ReservationView, 'status'>) => reservation.status === 'CONFIRMED' || reservation.status === 'REQUESTED';

/** What the events say of each reservation, read plainly one after the other: the oracle the tables are checked against. */
function statusesOf(history: readonly RecordedEvent[]): Map<string, Pick<ReservationView, 'status' | 'resourceId' | 'start' | 'end'>> {
  const reservations = new Map<string, Pick<ReservationView, 'status' | 'resourceId' | 'start' | 'end'>>();
  for (const recorded of history) {
    const event = recorded as unknown as CalendarEvent;
    switch (event.type) {
      case 'ResourceReserved':
      case 'ReservationRequested': {
        const { reservationId, resourceId, start, end } = event.data;
        reservations.set(reservationId, { resourceId, start, end, status: event.type === 'ResourceReserved' ? 'CONFIRMED' : 'REQUESTED' });
        break;
      }
      case 'ReservationApproved':
        reservations.get(event.data.reservationId)!.status = 'CONFIRMED';
        break;
      case 'ReservationRejected':
        reservations.get(event.data.reservationId)!.status = 'REJECTED';
        break;
      case 'ReservationCancelled':
        reservations.get(event.data.reservationId)!.status = 'CANCELLED';
        break;
      default:
        break;
    }
  }
  return reservations;
}

const overlapping = (reservations: ReturnType<typeof statusesOf>, filter: { resourceId?: string; from: Date; to: Date }) =>
  [...reservations].filter(([, reservation]) => (filter.resourceId === undefined || reservation.resourceId === filter.resourceId)
    && reservation.start < filter.to.toISOString() && reservation.end > filter.from.toISOString())
    .map(([reservationId, reservation]) => [reservationId, reservation.status]).sort();
const idsAndStatuses = (reservations: readonly ReservationView[]) => reservations.map((reservation) => [reservation.reservationId, reservation.status]).sort();

let position = 0;
function recorded(type: CalendarEvent['type'], data: CalendarEvent['data'], recordedAt: string): RecordedEvent {
  position += 1;
  return { id: `e-${position}`, type, data, streamId: 'calendar-r-2026-11', revision: position, position, recordedAt, metadata: { correlationId: 'c', actorUserId: 'u', actorRole: 'COORDINATOR' } };
}

const reservationOfR = (reservationId: string, memberId: string, start: string, end: string) =>
  ({ reservationId, resourceId: 'r', memberId, start, end, quantity: 1, purpose: null });

const small: RecordedEvent[] = [
  recorded('CalendarEpochOpened', { resourceId: 'r', epoch: '2026-11', previousEpoch: null, carried: [] }, '2026-11-01T09:00:00.000Z'),
  recorded('ResourceReserved', reservationOfR('late', 'a', '2026-12-03T08:00:00.000Z', '2026-12-03T12:00:00.000Z'), '2026-11-01T09:01:00.000Z'),
  recorded('ResourceReserved', reservationOfR('early', 'b', '2026-12-01T08:00:00.000Z', '2026-12-02T08:00:00.000Z'), '2026-11-01T09:02:00.000Z'),
  recorded('ReservationRequested', reservationOfR('asked', 'a', '2026-12-05T08:00:00.000Z', '2026-12-05T10:00:00.000Z'), '2026-11-01T09:03:00.000Z'),
  recorded('ReservationRequested', reservationOfR('refused', 'b', '2026-12-06T08:00:00.000Z', '2026-12-06T10:00:00.000Z'), '2026-11-01T09:04:00.000Z'),
  recorded('ReservationCancelled', { reservationId: 'late', resourceId: 'r', memberId: 'a', late: true, reason: 'Panne' }, '2026-12-03T07:00:00.000Z'),
  recorded('ReservationRejected', { reservationId: 'refused', resourceId: 'r', memberId: 'b', reason: 'Complet' }, '2026-12-03T07:01:00.000Z'),
];

describe('the calendars in tables', () => {
  it('finds reservations overlapping a range, of a resource or a member, sorted by start', async () => {
    const { db } = await foldIntoTables([calendarsTables], small);
    const found = await findReservations(db, { resourceId: 'r', from: new Date('2026-12-01T12:00:00Z'), to: new Date('2026-12-04T00:00:00Z') });
    expect(found.map((reservation) => [reservation.reservationId, reservation.status])).toEqual([['early', 'CONFIRMED'], ['late', 'CANCELLED']]);
    expect(found[1]).toMatchObject({ cancelledLate: true, cancellationReason: 'Panne', cancelledAt: '2026-12-03T07:00:00.000Z', reservedAt: '2026-11-01T09:01:00.000Z' });
    const ofMemberA = await findReservations(db, { memberId: 'a', ...WHOLE_HISTORY });
    expect(ofMemberA.map((reservation) => reservation.reservationId)).toEqual(['late', 'asked']);
    expect(await findReservations(db, { from: new Date('2026-12-02T08:00:00Z'), to: new Date('2026-12-03T08:00:00Z') })).toEqual([]);
    expect(await findReservation(db, 'refused')).toMatchObject({ status: 'REJECTED', rejectionReason: 'Complet' });
    expect(await findReservation(db, 'unknown')).toBeUndefined();
  });

  it('numbers each member and resource once, in the order the log names them, and gives back the instants as recorded', async () => {
    const { db } = await foldIntoTables([calendarsTables], small, [2, 3]);
    expect(await db.selectFrom('calendar_id_numbers').selectAll().orderBy('id_number').execute()).toEqual([
      { id_number: 1, id: 'r' }, { id_number: 2, id: 'a' }, { id_number: 3, id: 'b' },
    ]);
    expect(await db.selectFrom('reservations').select(['reservation_id', 'resource_number', 'member_number', 'start_ms']).orderBy('reserved_position').execute()).toEqual([
      { reservation_id: 'late', resource_number: 1, member_number: 2, start_ms: Date.parse('2026-12-03T08:00:00.000Z') },
      { reservation_id: 'early', resource_number: 1, member_number: 3, start_ms: Date.parse('2026-12-01T08:00:00.000Z') },
      { reservation_id: 'asked', resource_number: 1, member_number: 2, start_ms: Date.parse('2026-12-05T08:00:00.000Z') },
      { reservation_id: 'refused', resource_number: 1, member_number: 3, start_ms: Date.parse('2026-12-06T08:00:00.000Z') },
    ]);
    expect(await findReservation(db, 'late')).toEqual({
      reservationId: 'late', resourceId: 'r', memberId: 'a', start: '2026-12-03T08:00:00.000Z', end: '2026-12-03T12:00:00.000Z',
      quantity: 1, purpose: null, status: 'CANCELLED', seriesId: null, rejectionReason: null, reservedAt: '2026-11-01T09:01:00.000Z',
      cancelledAt: '2026-12-03T07:00:00.000Z', cancelledLate: true, cancellationReason: 'Panne',
    });
    // What a command answers before the tables hold its reservation is what they then say of it.
    for (const made of small.slice(1, 5)) {
      const view = reservationMadeBy(made);
      expect(await findReservation(db, view.reservationId, { asOfPosition: made.position })).toEqual(view);
    }
  });

  it('lists the requests awaiting a decision, and a member’s active reservations still to start', async () => {
    const { db } = await foldIntoTables([calendarsTables], small);
    expect((await pendingReservations(db)).map((reservation) => reservation.reservationId)).toEqual(['asked']);
    const ofA = await activeReservationsOfMemberStartingAfter(db, 'a', new Date('2026-12-01T00:00:00Z'));
    expect(ofA.map((reservation) => reservation.reservationId)).toEqual(['asked']);
  });

  it('charges confirmed reservations as usage and late cancellations alone, starting in the window', async () => {
    const { db } = await foldIntoTables([calendarsTables], small);
    const items = await chargedReservationItems(db, { startMs: Date.parse('2026-12-01T00:00:00Z'), endMs: Date.parse('2026-12-04T00:00:00Z') });
    expect(items).toEqual([
      { memberId: 'b', resourceId: 'r', startMs: Date.parse('2026-12-01T08:00:00Z'), endMs: Date.parse('2026-12-02T08:00:00Z'), quantity: 1, countsAsUsage: true, charged: true },
      { memberId: 'a', resourceId: 'r', startMs: Date.parse('2026-12-03T08:00:00Z'), endMs: Date.parse('2026-12-03T12:00:00Z'), quantity: 1, countsAsUsage: false, charged: true },
    ]);
    expect(await chargedReservationItems(db, { startMs: Date.parse('2026-12-01T08:00:01Z'), endMs: Date.parse('2026-12-03T08:00:00Z') })).toEqual([]);
  });

  it('gives the same charged reservations a page at a time, many starting at the same instant', async () => {
    // Nine workshops at 9:00 on 7 December, two on the 8th: pages of two cut through the 9:00 ones.
    const nine = Array.from({ length: 9 }, (_, index) => recorded('ResourceReserved',
      reservationOfR(`atelier-${index}`, index % 2 === 0 ? 'a' : 'b', '2026-12-07T09:00:00.000Z', '2026-12-07T11:00:00.000Z'), '2026-11-02T09:00:00.000Z'));
    const next = ['2026-12-08T09:00:00.000Z', '2026-12-08T10:00:00.000Z'].map((start, index) =>
      recorded('ResourceReserved', reservationOfR(`suite-${index}`, 'a', start, '2026-12-08T12:00:00.000Z'), '2026-11-02T09:01:00.000Z'));
    const { db } = await foldIntoTables([calendarsTables], [...small, ...nine, ...next]);
    const windows = [
      { startMs: Date.parse('2026-12-01T00:00:00Z'), endMs: Date.parse('2026-12-09T00:00:00Z') },
      // Reaching into the 7th from earlier starts, as the impact report reads them.
      { startMs: Date.parse('2026-12-07T10:00:00Z'), endMs: Date.parse('2026-12-09T00:00:00Z'), overlapping: true },
    ];
    for (const window of windows) {
      const atOnce = await chargedReservationItems(db, window);
      const paged: ChargeableItemFact[] = [];
      for await (const page of chargedReservationItemPages(db, window, 2)) paged.push(...page);
      expect(paged).toEqual(atOnce);
    }
    expect((await chargedReservationItems(db, windows[1]!)).length).toBe(11);
    expect((await chargedReservationItems(db, windows[0]!)).length).toBe(13);
  });

  it('refuses a cancellation of a reservation it does not know, or no longer active', async () => {
    const unknown = recorded('ReservationCancelled', { reservationId: 'ghost', resourceId: 'r', memberId: 'a', late: false, reason: null }, '2026-12-04T00:00:00.000Z');
    await expect(foldIntoTables([calendarsTables], [...small, unknown])).rejects.toThrow(/known reservation/);
    await expect(foldIntoTables([calendarsTables], [...small, unknown], [small.length])).rejects.toThrow(/known reservation/);
    const twice = recorded('ReservationCancelled', { reservationId: 'late', resourceId: 'r', memberId: 'a', late: false, reason: null }, '2026-12-04T00:00:00.000Z');
    await expect(foldIntoTables([calendarsTables], [...small, twice], [3])).rejects.toThrow(/known reservation/);
  });

  it('refuses those steps in a rebuild too, when it goes live', async () => {
    const unknown = recorded('ReservationCancelled', { reservationId: 'ghost', resourceId: 'r', memberId: 'a', late: false, reason: null }, '2026-12-04T00:00:00.000Z');
    await expect(foldIntoTables([calendarsTables], [...small, unknown], [small.length], 'rebuild')).rejects.toThrow(/known reservation/);
    const twice = recorded('ReservationCancelled', { reservationId: 'late', resourceId: 'r', memberId: 'a', late: false, reason: null }, '2026-12-04T00:00:00.000Z');
    await expect(foldIntoTables([calendarsTables], [...small, twice], [3, 100], 'rebuild')).rejects.toThrow(/known reservation/);
  });

  it('finds a reservation longer than the others of its resource from any range it overlaps, as of any position', async () => {
    const long = recorded('ResourceReserved', reservationOfR('season', 'c', '2026-06-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z'), '2026-11-01T09:05:00.000Z');
    const { db } = await foldIntoTables([calendarsTables], [...small, long], [2, 3]);
    const august = { resourceId: 'r', from: new Date('2026-08-10T00:00:00Z'), to: new Date('2026-08-17T00:00:00Z') };
    expect((await findReservations(db, august)).map((reservation) => reservation.reservationId)).toEqual(['season']);
    expect((await findReservations(db, { memberId: 'c', from: august.from, to: august.to })).map((reservation) => reservation.reservationId)).toEqual(['season']);
    expect(await findReservations(db, august, { asOfPosition: long.position - 1 })).toEqual([]);
    expect(await findReservations(db, { ...august, resourceId: 'elsewhere' })).toEqual([]);
  });

  it('answers what the events say of every reservation', async () => {
    const history = calendarHistory(7, 400);
    const { db } = await foldIntoTables([calendarsTables], history);
    const told = statusesOf(history);
    expect(idsAndStatuses(await findReservations(db, WHOLE_HISTORY))).toEqual(overlapping(told, WHOLE_HISTORY));
    const from = new Date('2026-03-20T00:00:00Z');
    const to = new Date('2026-03-27T00:00:00Z');
    for (const resourceId of ['room', 'van', 'kitchen']) {
      expect(idsAndStatuses(await findReservations(db, { resourceId, from, to }))).toEqual(overlapping(told, { resourceId, from, to }));
    }
    expect(await activeReservationCount(db)).toBe([...told.values()].filter(isActive).length);
  });

  it.each([1, 2, 3])('ends with the same tables whatever the batches (seed %i)', async (seed) => {
    const history = calendarHistory(seed, 300);
    const whole = await dumpTables(await foldIntoTables([calendarsTables], history), calendarsTables);
    const batched = await dumpTables(await foldIntoTables([calendarsTables], history, randomBatchSizes(seed, history.length)), calendarsTables);
    expect(batched).toEqual(whole);
    expect(whole.reservations!.length).toBeGreaterThan(100);
  });

  it.each([1, 2, 3])('ends a rebuild from position 0 with the tables of a live fold (seed %i)', async (seed) => {
    const history = calendarHistory(seed, 300);
    const live = await dumpTables(await foldIntoTables([calendarsTables], history, randomBatchSizes(seed + 10, history.length)), calendarsTables);
    const rebuilt = await dumpTables(await foldIntoTables([calendarsTables], history, randomBatchSizes(seed, history.length), 'rebuild'), calendarsTables);
    expect(rebuilt).toEqual(live);
    expect(live.reservation_deferred_steps).toEqual([]);
  });

  it('answers as of a position as the events up to it, folded alone, do', async () => {
    const history = calendarHistory(11, 250);
    const { db } = await foldIntoTables([calendarsTables], history, randomBatchSizes(11, history.length));
    for (let asOfPosition = 0; asOfPosition <= history.length; asOfPosition += 9) {
      const prefix = history.slice(0, asOfPosition);
      const past = await foldIntoTables([calendarsTables], prefix);
      const asOf = { asOfPosition };
      expect(await findReservations(db, WHOLE_HISTORY, asOf), `at ${asOfPosition}`).toEqual(await findReservations(past.db, WHOLE_HISTORY));
      expect(await findReservations(db, { resourceId: 'van', ...WHOLE_HISTORY }, asOf)).toEqual(await findReservations(past.db, { resourceId: 'van', ...WHOLE_HISTORY }));
      expect(await findReservation(db, 'reservation-3', asOf)).toEqual(await findReservation(past.db, 'reservation-3'));
      const activeInPrefix = [...statusesOf(prefix).values()].filter(isActive).length;
      expect(await activeReservationCount(db, asOf), `count at ${asOfPosition}`).toBe(activeInPrefix);
      await past.close();
    }
  });
});
