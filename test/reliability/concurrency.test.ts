import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { calendarsTables } from '../../projections/calendars/calendars-projection.js';
import { findReservationsByIds, type ReservationView } from '../../projections/calendars/calendars-reads.js';
import { foldIntoTables } from '../../projections/tables/fold-into-tables.js';
import { type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';
import { CANCEL } from '../integration/graphql-documents.js';
import { ALL_RESERVATIONS, dataOf, eventually, type Pole, quarterSlot, readLogFile, reserve, seedPole, slotWindow } from './pole-fixture.js';

/** Clients per server process, each sending its requests one after the other. */
const CLIENTS_PER_SERVER = 12;
const REQUESTS_PER_CLIENT = 15;
/** Few resources, few slots: most requests overlap others. */
const CAPACITIES = [1, 2, 4];
const SLOT_COUNT = 48;
/** Share of granted reservations that their client cancels right away, freeing capacity for others. */
const CANCEL_SHARE = 0.2;
/** Refusals a client may be answered with; anything else (no answer, a masked error) fails the test. */
const EXPECTED_REFUSALS = new Set(['RESERVATION_CONFLICT', 'CONCURRENCY_CONFLICT']);

interface Tally {
  granted: string[];
  cancelled: string[];
  refusals: Map<string, number>;
  unexpected: string[];
}

async function client(server: RunningServer, pole: Pole, seed: number, tally: Tally): Promise<void> {
  let state = seed;
  const random = () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
  for (let request = 0; request < REQUESTS_PER_CLIENT; request += 1) {
    const resource = pole.resources[Math.floor(random() * pole.resources.length)]!;
    const outcome = await reserve(server, pole.token, {
      resourceId: resource.id,
      memberId: pole.memberIds[Math.floor(random() * pole.memberIds.length)]!,
      ...quarterSlot(Math.floor(random() * SLOT_COUNT), 1 + Math.floor(random() * 4)),
      quantity: 1 + Math.floor(random() * resource.capacity),
    });
    if (outcome.id) {
      tally.granted.push(outcome.id);
      if (random() < CANCEL_SHARE) await cancel(server, pole, outcome.id, tally);
    } else if (outcome.code && EXPECTED_REFUSALS.has(outcome.code)) {
      tally.refusals.set(outcome.code, (tally.refusals.get(outcome.code) ?? 0) + 1);
    } else {
      tally.unexpected.push(JSON.stringify(outcome));
    }
  }
}

async function cancel(server: RunningServer, pole: Pole, reservationId: string, tally: Tally): Promise<void> {
  const response = await server.graphql<{ cancelReservation: { status: string } }>(CANCEL, {
    input: { reservationId, reason: 'Plus nécessaire' },
  }, pole.token);
  if (response.data?.cancelReservation.status === 'CANCELLED') tally.cancelled.push(reservationId);
  else tally.unexpected.push(JSON.stringify(response.errors));
}

/** The largest sum of quantities of confirmed reservations at any instant, per resource. */
/** Every reservation of the log, by id, folded into fresh tables apart from both servers. */
async function reservationsOfLog(dataDirectory: string): Promise<Map<string, ReservationView>> {
  const database = await foldIntoTables([calendarsTables], readLogFile(dataDirectory));
  try {
    const ids = await database.db.selectFrom('reservations').select('reservation_id').execute();
    const reservations = await findReservationsByIds(database.db, ids.map((row) => row.reservation_id));
    return new Map(reservations.map((reservation) => [reservation.reservationId, reservation]));
  } finally {
    await database.close();
  }
}

function peakUsage(reservations: Iterable<ReservationView>): Map<string, number> {
  const changes = new Map<string, Array<{ atMs: number; delta: number }>>();
  for (const reservation of reservations) {
    if (reservation.status !== 'CONFIRMED') continue;
    const list = changes.get(reservation.resourceId) ?? [];
    list.push({ atMs: Date.parse(reservation.start), delta: reservation.quantity }, { atMs: Date.parse(reservation.end), delta: -reservation.quantity });
    changes.set(reservation.resourceId, list);
  }
  const peaks = new Map<string, number>();
  for (const [resourceId, list] of changes) {
    // At the same instant an ending reservation frees its units before a starting one takes them: [start, end).
    list.sort((a, b) => a.atMs - b.atMs || a.delta - b.delta);
    let usage = 0;
    let peak = 0;
    for (const change of list) {
      usage += change.delta;
      peak = Math.max(peak, usage);
    }
    peaks.set(resourceId, peak);
  }
  return peaks;
}

describe('many clients on two server processes sharing one store', () => {
  const dataDirectory = temporaryDataDirectory();
  let servers: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('never lets the reservations of a resource exceed its capacity, and answers every request', async () => {
    servers = [await startServer({ dataDirectory }), await startServer({ dataDirectory })];
    const pole = await seedPole(servers[0]!, 6, CAPACITIES);
    const tally: Tally = { granted: [], cancelled: [], refusals: new Map(), unexpected: [] };
    await Promise.all(servers.flatMap((server, serverIndex) =>
      Array.from({ length: CLIENTS_PER_SERVER }, (_, index) => client(server, pole, 1 + serverIndex * 1_000 + index, tally))));

    expect(tally.unexpected).toEqual([]);
    const answered = tally.granted.length + [...tally.refusals.values()].reduce((sum, count) => sum + count, 0);
    expect(answered).toBe(servers.length * CLIENTS_PER_SERVER * REQUESTS_PER_CLIENT);
    expect(tally.refusals.get('RESERVATION_CONFLICT') ?? 0).toBeGreaterThan(0);
    expect(tally.granted.length).toBeGreaterThan(0);

    const calendars = await reservationsOfLog(dataDirectory);
    expect([...calendars.keys()].sort()).toEqual([...tally.granted].sort());
    for (const [resourceId, peak] of peakUsage(calendars.values())) {
      expect(peak, resourceId).toBeLessThanOrEqual(pole.resources.find((resource) => resource.id === resourceId)!.capacity);
    }
    for (const reservationId of tally.cancelled) expect(calendars.get(reservationId)?.status).toBe('CANCELLED');

    // Both processes answer with the same calendar, the one in the log.
    const confirmed = [...calendars.values()].filter((reservation) => reservation.status === 'CONFIRMED').map((reservation) => reservation.reservationId).sort();
    for (const server of servers) {
      await eventually(async () => {
        const listed = await Promise.all(pole.resources.map(async (resource) => dataOf(await server.graphql<{ reservations: Array<{ id: string; status: string }> }>(
          ALL_RESERVATIONS, { resourceId: resource.id, ...slotWindow(SLOT_COUNT) }, pole.token)).reservations));
        return JSON.stringify(listed.flat().filter((reservation) => reservation.status === 'CONFIRMED').map((reservation) => reservation.id).sort()) === JSON.stringify(confirmed);
      }, 'both servers to list the confirmed reservations of the log');
    }
    console.info(`two processes: ${tally.granted.length} granted (${tally.cancelled.length} then cancelled), refusals ${JSON.stringify(Object.fromEntries(tally.refusals))}`);
  }, 180_000);
});
