import { type ReadModels } from '../../projections/tables/read-models.js';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { ledgerCommands, startReadModels } from '../../api/mutua.js';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { foldEvents } from '../../domain/shared/decider.js';
import { calendarDecider, calendarStreamId } from '../../domain/reservations/calendar.js';
import { calendarChainDecider, calendarChainStreamId, headOf } from '../../domain/reservations/calendar-chain.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import type { ParentMessage, ReservationOutcome, SlotRequest, WorkerMessage } from '../support/skewed-clock-worker.js';

const WORKER_SCRIPT = fileURLToPath(new URL('../support/skewed-clock-worker.ts', import.meta.url));
const request = { actor: SYSTEM_ACTOR, correlationId: 'skewed-clocks' };

/**
 * Two application processes share one store, each with its own clock, set apart by seconds or by
 * days around a month boundary, as two machines would be. Whatever their clocks say, capacity is
 * never exceeded and no confirmed reservation stops blocking its slot.
 */
describe('two processes whose clocks disagree around a month boundary', () => {
  let directory: string;
  let file: string;
  let database: BetterSqlite3.Database;
  let store: SqliteEventStore;
  let readModels: ReadModels;
  let workers: [Worker, Worker];

  // One store and two processes for the whole suite (starting a process takes seconds); each test
  // books a van of its own, never booked before.
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-skewed-clocks-'));
    file = join(directory, 'mutua.sqlite');
    database = openSqliteDatabase(file);
    store = new SqliteEventStore(database);
    readModels = await startReadModels(store);
    workers = [startWorker(file), startWorker(file)];
    await Promise.all(workers.map((worker) => worker.next('ready')));
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await readModels.stop();
    await store.close();
    database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** A van (capacity 1) never booked yet, and the structures that want it. */
  async function vanAndMembers() {
    const commands = ledgerCommands(store, readModels, () => new Date('2026-11-20T10:00:00Z'));
    const memberIds = [];
    for (const name of ['Coop Bâtisseurs', 'Les Daurades', 'Fablab du Quai']) {
      const member = await commands.members.registerMember(request, { name, legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
      memberIds.push(member.memberId);
    }
    const van = await commands.resources.registerResource(request, {
      name: 'Camion partagé', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 0, ownerMemberId: null, areaM2: null,
      openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES,
    });
    return { vanId: van.resourceId, memberIds };
  }

  async function twoWorkers(first: string, second: string): Promise<[Worker, Worker]> {
    await Promise.all([workers[0].setClock(first), workers[1].setClock(second)]);
    return workers;
  }

  /** Both processes ask for every slot, several times each, all at once. */
  async function race(pair: [Worker, Worker], vanId: string, memberIds: string[], slots: Array<[string, string]>, attemptsPerSlot = 3) {
    const requestsOf = (offset: number): SlotRequest[] => slots.flatMap(([start, end]) => Array.from({ length: attemptsPerSlot }, (_, index) => ({
      resourceId: vanId, memberId: memberIds[(index + offset) % memberIds.length]!, start, end,
    })));
    const [first, second] = await Promise.all([pair[0].reserve(requestsOf(0)), pair[1].reserve(requestsOf(1))]);
    return slots.map((_, slotIndex) => {
      const ofSlot = [...first.slice(slotIndex * attemptsPerSlot, (slotIndex + 1) * attemptsPerSlot), ...second.slice(slotIndex * attemptsPerSlot, (slotIndex + 1) * attemptsPerSlot)];
      return {
        granted: ofSlot.flatMap((outcome) => ('granted' in outcome ? [outcome.granted] : [])),
        refusals: new Set(ofSlot.flatMap((outcome) => ('refused' in outcome ? [outcome.refused] : []))),
      };
    });
  }

  /** The reservations in force in the month the resource's calendar is in now, read from its streams. */
  async function inForce(vanId: string): Promise<string[]> {
    const chain = foldEvents(calendarChainDecider, (await store.readStream(calendarChainStreamId(vanId))) as never[]);
    const head = headOf(chain)!;
    const calendar = foldEvents(calendarDecider, (await store.readStream(calendarStreamId(vanId, head.epoch))) as never[]);
    expect(calendar.status).toBe('open');
    return [...calendar.active.keys()];
  }

  const DECEMBER_SLOTS: Array<[string, string]> = [
    ['2026-12-10T08:00:00.000Z', '2026-12-10T10:00:00.000Z'],
    ['2026-12-10T09:00:00.000Z', '2026-12-10T11:00:00.000Z'],
    ['2026-12-15T08:00:00.000Z', '2026-12-15T18:00:00.000Z'],
  ];

  it('books each slot once when the clocks are seconds apart across midnight on the last day of the month', async () => {
    const { vanId, memberIds } = await vanAndMembers();
    const pair = await twoWorkers('2026-11-30T23:59:59.000Z', '2026-12-01T00:00:02.000Z');

    const [overlapping, overlapped, apart] = await race(pair, vanId, memberIds, DECEMBER_SLOTS);
    // The first two slots overlap: one reservation between them, never two.
    expect(overlapping!.granted.length + overlapped!.granted.length).toBe(1);
    expect(apart!.granted).toHaveLength(1);
    for (const slot of [overlapping!, overlapped!, apart!]) expect([...slot.refusals]).toEqual(['RESERVATION_CONFLICT']);

    const granted = [overlapping!, overlapped!, apart!].flatMap((slot) => slot.granted);
    expect((await inForce(vanId)).sort()).toEqual(granted.sort());
    const again = await race(pair, vanId, memberIds, DECEMBER_SLOTS, 1);
    expect(again.flatMap((slot) => slot.granted)).toEqual([]);
  });

  it('keeps a reservation made on the slow clock in force after the fast clock, days ahead, moves the calendar on', async () => {
    const { vanId, memberIds } = await vanAndMembers();
    const [slow, fast] = await twoWorkers('2026-11-28T12:00:00.000Z', '2026-12-02T12:00:00.000Z');
    // Still ahead for the slow clock, already past for the fast one.
    const lastEvening: [string, string] = ['2026-11-30T19:00:00.000Z', '2026-11-30T21:00:00.000Z'];

    const [booked] = await slow.reserve([{ resourceId: vanId, memberId: memberIds[0]!, start: lastEvening[0], end: lastEvening[1] }]);
    expect(booked).toHaveProperty('granted');
    const [december] = await fast.reserve([{ resourceId: vanId, memberId: memberIds[1]!, start: DECEMBER_SLOTS[2]![0], end: DECEMBER_SLOTS[2]![1] }]);
    expect(december).toHaveProperty('granted');
    expect((await store.readStream(calendarStreamId(vanId, '2026-11'))).at(-1)?.type).toBe('CalendarEpochClosed');

    const [second] = await slow.reserve([{ resourceId: vanId, memberId: memberIds[2]!, start: lastEvening[0], end: lastEvening[1] }]);
    expect(second).toEqual({ refused: 'RESERVATION_CONFLICT' });
    expect((await inForce(vanId)).sort()).toEqual([(booked as { granted: string }).granted, (december as { granted: string }).granted].sort());
  });

  it('books each slot once when one clock is days ahead and both race for the first reservations of the month', async () => {
    const { vanId, memberIds } = await vanAndMembers();
    const pair = await twoWorkers('2026-11-29T23:00:00.000Z', '2026-12-03T08:00:00.000Z');

    const january: [string, string] = ['2027-01-10T08:00:00.000Z', '2027-01-10T09:00:00.000Z'];
    const outcomes = await race(pair, vanId, memberIds, [...DECEMBER_SLOTS, january]);
    expect(outcomes[0]!.granted.length + outcomes[1]!.granted.length).toBe(1);
    for (const slot of outcomes.slice(2)) expect(slot.granted).toHaveLength(1);
    const granted = outcomes.flatMap((slot) => slot.granted);
    expect((await inForce(vanId)).sort()).toEqual(granted.sort());

    // A month later by both clocks, still apart by days: everything granted still blocks its slot.
    await Promise.all([pair[0].setClock('2026-12-31T23:00:00.000Z'), pair[1].setClock('2027-01-03T08:00:00.000Z')]);
    const later = await race(pair, vanId, memberIds, [['2027-01-05T08:00:00.000Z', '2027-01-05T09:00:00.000Z']]);
    expect(later[0]!.granted).toHaveLength(1);
    const bookedInNovember = await pair[0].reserve([{ resourceId: vanId, memberId: memberIds[0]!, start: january[0], end: january[1] }]);
    expect(bookedInNovember).toEqual([{ refused: 'RESERVATION_CONFLICT' }]);
    expect((await inForce(vanId)).sort()).toEqual([...granted, ...later[0]!.granted].sort());
  });
});

interface Worker {
  next<Type extends WorkerMessage['type']>(type: Type): Promise<Extract<WorkerMessage, { type: Type }>>;
  setClock(instant: string): Promise<void>;
  reserve(requests: SlotRequest[]): Promise<ReservationOutcome[]>;
  stop(): Promise<void>;
}

function startWorker(file: string): Worker {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT, file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting: Array<(message: WorkerMessage) => void> = [];
  child.on('message', (message: WorkerMessage) => waiting.shift()?.(message));
  const next = <Type extends WorkerMessage['type']>(type: Type) => new Promise<Extract<WorkerMessage, { type: Type }>>((resolve, reject) => {
    const onExit = () => reject(new Error(`The worker exited while its answer ${type} was awaited`));
    child.once('exit', onExit);
    waiting.push((message) => {
      child.off('exit', onExit);
      if (message.type === type) resolve(message as Extract<WorkerMessage, { type: Type }>);
      else reject(new Error(`The worker answered ${message.type}, not ${type}`));
    });
  });
  const send = (message: ParentMessage) => child.send(message);
  return {
    next,
    async setClock(instant) {
      const answered = next('clockSet');
      send({ type: 'setClock', instant });
      await answered;
    },
    async reserve(requests) {
      const answered = next('reserved');
      send({ type: 'reserve', requests });
      return (await answered).outcomes;
    },
    async stop() {
      if (child.connected) send({ type: 'stop' });
      await exited;
    },
  };
}
