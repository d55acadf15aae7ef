import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { dumpTables, foldIntoTables } from '../../projections/tables/fold-into-tables.js';
import { LEDGER_TABLES } from '../../projections/tables/ledger-tables.js';
import { openSqliteReadModels } from '../../projections/tables/read-model-database.js';
import { type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';
import { ALL_RESERVATIONS, dataOf, type Pole, quarterSlot, readLogFile, reserve, seedPole, slotWindow } from './pole-fixture.js';

/** How many times the server is killed in the middle of a burst. */
const KILL_ROUNDS = 6;
/** Clients reserving at once during a burst. */
const CLIENTS = 12;
/** The kill comes after this many acknowledgements in the round, drawn anew each round in [min, min + spread). */
const KILL_AFTER_MIN_ACKNOWLEDGED = 10;
const KILL_AFTER_SPREAD_ACKNOWLEDGED = 90;
/** A burst that has not reached its kill point by then is killed all the same. */
const MAX_BURST_MS = 20_000;
/** Slots are drawn from this many quarter hours, so that some requests conflict and most succeed. */
const SLOT_COUNT = 3_000;

interface Acknowledged {
  id: string;
  resourceId: string;
  memberId: string;
  start: string;
  end: string;
  quantity: number;
}

/** A small deterministic generator: a failing round can be replayed with the same draws. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Clients reserve until the server stops answering; it is killed, while they keep a dozen requests
 * in flight, once it has acknowledged a number of them drawn at random. Returns what it
 * acknowledged and how many requests got no answer.
 */
async function burstUntilKilled(server: RunningServer, pole: Pole, random: () => number) {
  const acknowledged: Acknowledged[] = [];
  const killAfter = KILL_AFTER_MIN_ACKNOWLEDGED + Math.floor(random() * KILL_AFTER_SPREAD_ACKNOWLEDGED);
  const kill = () => server.process.kill('SIGKILL');
  const safetyKill = setTimeout(kill, MAX_BURST_MS);
  let unanswered = 0;
  let killed = false;
  const client = async () => {
    while (!killed) {
      const resource = pole.resources[Math.floor(random() * pole.resources.length)]!;
      const input = {
        resourceId: resource.id,
        memberId: pole.memberIds[Math.floor(random() * pole.memberIds.length)]!,
        ...quarterSlot(Math.floor(random() * SLOT_COUNT), 1 + Math.floor(random() * 4)),
        quantity: 1 + Math.floor(random() * resource.capacity),
      };
      const outcome = await reserve(server, pole.token, input);
      if (outcome.id) {
        acknowledged.push({ id: outcome.id, ...input });
        if (acknowledged.length === killAfter) kill();
      } else if (outcome.noAnswer) {
        unanswered += 1;
        killed = true;
      } else expect(outcome.code).toBe('RESERVATION_CONFLICT');
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  clearTimeout(safetyKill);
  return { acknowledged, unanswered };
}

/** The part of a stored `ResourceReserved` event this test compares. */
interface StoredReservation {
  reservationId: string;
  resourceId: string;
  memberId: string;
  start: string;
  quantity: number;
}

const reservationsOf = (events: readonly RecordedEvent[]) =>
  events.filter((event) => event.type === 'ResourceReserved').map((event) => event.data as StoredReservation);

describe('Mutua killed with SIGKILL in the middle of bursts of reservations', () => {
  const dataDirectory = temporaryDataDirectory();
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it(`keeps every acknowledged reservation exactly once through ${KILL_ROUNDS} kills, and its read models equal a rebuild from position 0`, async () => {
    const random = seededRandom(20_261_125);
    server = await startServer({ dataDirectory });
    const pole = await seedPole(server, 4, [1, 2, 3, 5]);
    const acknowledged: Acknowledged[] = [];
    let unanswered = 0;
    for (let round = 0; round < KILL_ROUNDS; round += 1) {
      if (round > 0) server = await startServer({ dataDirectory });
      const burst = await burstUntilKilled(server, pole, random);
      expect(burst.acknowledged.length, `round ${round} was killed before its burst`).toBeGreaterThanOrEqual(KILL_AFTER_MIN_ACKNOWLEDGED);
      expect(burst.unanswered, `round ${round} had no request in flight at the kill`).toBeGreaterThan(0);
      acknowledged.push(...burst.acknowledged);
      unanswered += burst.unanswered;
    }

    server = await startServer({ dataDirectory });
    const log = readLogFile(dataDirectory);
    const stored = reservationsOf(log);
    const storedCount = new Map<string, number>();
    for (const reservation of stored) storedCount.set(reservation.reservationId, (storedCount.get(reservation.reservationId) ?? 0) + 1);
    // Acknowledged means on disk: each one is in the log, once, as it was asked for.
    for (const reservation of acknowledged) {
      expect(storedCount.get(reservation.id), `reservation ${reservation.id}`).toBe(1);
      const found = stored.find((candidate) => candidate.reservationId === reservation.id)!;
      expect(found).toMatchObject({ resourceId: reservation.resourceId, memberId: reservation.memberId, quantity: reservation.quantity });
      expect(Date.parse(found.start)).toBe(Date.parse(reservation.start));
    }
    // Beyond those, only requests cut off by a kill may have been stored.
    expect(stored.length - acknowledged.length).toBeGreaterThanOrEqual(0);
    expect(stored.length - acknowledged.length).toBeLessThanOrEqual(unanswered);
    expect(new Set(stored.map((reservation) => reservation.reservationId)).size).toBe(stored.length);

    // What the restarted server answers is what a rebuild from position 0 gives.
    const listed = await Promise.all(pole.resources.map(async (resource) => {
      const response = await server!.graphql<{ reservations: Array<{ id: string }> }>(ALL_RESERVATIONS, {
        resourceId: resource.id, ...slotWindow(SLOT_COUNT),
      }, pole.token);
      return dataOf(response).reservations.map((reservation) => reservation.id);
    }));
    expect(listed.flat().sort()).toEqual(stored.map((reservation) => reservation.reservationId).sort());

    // And its tables, folded in batches across every crash, equal a rebuild from position 0.
    await server.stop();
    server = undefined;
    const folded = openSqliteReadModels(dataDirectory);
    const rebuilt = await foldIntoTables(LEDGER_TABLES, log);
    try {
      for (const projection of LEDGER_TABLES) {
        expect(await dumpTables(folded, projection), projection.name).toEqual(await dumpTables(rebuilt, projection));
      }
    } finally {
      await Promise.all([folded.close(), rebuilt.close()]);
    }
  }, 300_000);
});
