import { randomUUID } from 'node:crypto';
import { type EventMetadata, type EventStore, type EventToAppend } from '../eventstore/event-store.js';
import { chainEvents } from '../eventstore/integrity/event-hash.js';
import { SYSTEM_ACTOR } from '../api/auth/actor.js';
import { ledgerCommands, type LedgerCommands, startReadModels } from '../api/mutua.js';
import { calendarStreamId, type CalendarEvent } from '../domain/reservations/calendar.js';
import { findFreeSlots } from '../domain/reservations/free-slots.js';
import { type ResourceFacts } from '../domain/resources/resource.js';
import { DEFAULT_BOOKING_RULES } from '../shared/booking-rules.js';
import { findReservations } from '../projections/calendars/calendars-reads.js';
import { openSqliteReadModels } from '../projections/tables/read-model-database.js';
import { type ReadModels } from '../projections/tables/read-models.js';
import { type Benchmark, type BenchmarkRow, formatCount, ratesOf, timeEach } from './benchmark.js';

const PAST_RESERVATIONS = 100_000;
/** Two years of past months hold the history, as a busy coworking floor would after two years. */
const PAST_MONTHS = 24;
const MEASURED_RESERVATIONS = 400;
const FREE_SLOT_RESOURCES = 20;
const FREE_SLOT_QUERIES = 50;
const METADATA: EventMetadata = { correlationId: 'bench-reservations', actorUserId: 'system', actorRole: 'COORDINATOR' };
/** "Now" for every command: reservations are made for the days after it. */
const NOW = new Date('2026-12-01T08:00:00Z');

/**
 * Booking figures: a reservation on a resource with 100,000 past reservations against one on a
 * new resource (the calendar is kept per month, so the first should cost no more than the second),
 * and the free-slot search over a month for 20 resources.
 */
export const reservationsBenchmark: Benchmark = {
  title: `Reservations (${formatCount(PAST_RESERVATIONS)} past reservations; free slots of ${FREE_SLOT_RESOURCES} resources)`,
  async run(workspace) {
    const opened = workspace.openStore('reservations.sqlite');
    try {
      // Tables on disk, as a server keeps them.
      const readModels = await startReadModels(opened.store, openSqliteReadModels(workspace.path('reservations-read-models')));
      const commands = ledgerCommands(opened.store, readModels, () => NOW);
      const { memberId, busyResourceId, newResourceId } = await registerFixtures(commands);
      await writePastReservations(opened.store, busyResourceId, memberId);
      await readModels.waitForPosition(await opened.store.headPosition());
      const rows = [
        await measureReservations(commands, busyResourceId, memberId, `resource with ${formatCount(PAST_RESERVATIONS)} past reservations`),
        await measureReservations(commands, newResourceId, memberId, 'new resource'),
        ...(await measureFreeSlots(commands, readModels, memberId)),
      ];
      await readModels.stop();
      return withRatio(rows);
    } finally {
      await opened.close();
    }
  },
};

async function registerFixtures(commands: LedgerCommands) {
  const request = { actor: SYSTEM_ACTOR, correlationId: 'bench-reservations' };
  const member = await commands.members.registerMember(request, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2020-01-01' });
  const register = async (name: string) => (await commands.resources.registerResource(request, {
    name, kind: 'SPACE', capacity: 1, hourlyRateCents: 0, ownerMemberId: null, areaM2: 20, openingHours: [], closures: [], siteId: null,
    rules: { ...DEFAULT_BOOKING_RULES, slotGranularityMinutes: 60, maxAdvanceDays: 3_650 },
  })).resourceId;
  return { memberId: member.memberId, busyResourceId: await register('Plateau très réservé'), newResourceId: await register('Salle neuve') };
}

/**
 * Writes two years of calendar months for the busy resource, each closed and carrying nothing
 * forward, as the server would have written them; not measured.
 */
async function writePastReservations(store: EventStore, resourceId: string, memberId: string): Promise<void> {
  const perMonth = Math.ceil(PAST_RESERVATIONS / PAST_MONTHS);
  let written = 0;
  let previousEpoch: string | null = null;
  for (let month = PAST_MONTHS; month >= 1; month -= 1) {
    const epochStart = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - month, 1));
    const epoch = epochStart.toISOString().slice(0, 7);
    const nextEpoch = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - month + 1, 1)).toISOString().slice(0, 7);
    const events: CalendarEvent[] = [{ type: 'CalendarEpochOpened', data: { resourceId, epoch, previousEpoch, carried: [] } }];
    for (let index = 0; index < perMonth && written < PAST_RESERVATIONS; index += 1, written += 1) {
      const start = new Date(epochStart.getTime() + index * 3_600_000 / 6);
      events.push({
        type: 'ResourceReserved',
        data: { reservationId: randomUUID(), resourceId, memberId, start: start.toISOString(), end: new Date(start.getTime() + 600_000).toISOString(), quantity: 1, purpose: null, seriesId: null },
      });
    }
    events.push({ type: 'CalendarEpochClosed', data: { resourceId, epoch, nextEpoch } });
    await appendChained(store, calendarStreamId(resourceId, epoch), events);
    previousEpoch = epoch;
  }
}

async function appendChained(store: EventStore, streamId: string, events: CalendarEvent[]): Promise<void> {
  const batchSize = 1_000;
  let tail = { revision: -1, hash: null as string | null };
  for (let start = 0; start < events.length; start += batchSize) {
    const batch: EventToAppend[] = events.slice(start, start + batchSize).map((event) => ({ id: randomUUID(), ...event, metadata: METADATA }));
    const chained = chainEvents(streamId, tail, batch);
    await store.appendToStream(streamId, chained, { expectedRevision: tail.revision === -1 ? 'no_stream' : tail.revision });
    tail = { revision: tail.revision + chained.length, hash: (chained.at(-1)!.metadata as unknown as { hash: string }).hash };
  }
}

/** Reservations one after the other on the days after "now", each a new hour. */
async function measureReservations(commands: LedgerCommands, resourceId: string, memberId: string, label: string): Promise<BenchmarkRow> {
  const request = { actor: SYSTEM_ACTOR, correlationId: 'bench-reservations' };
  // The first reservation of the month closes the previous month's calendar: once a month, not measured.
  await reserveHour(commands, request, resourceId, memberId, 0);
  const timing = await timeEach(MEASURED_RESERVATIONS, (index) => reserveHour(commands, request, resourceId, memberId, index + 1));
  return { name: `reserve (${label})`, work: `${MEASURED_RESERVATIONS} reservations, one after the other`, ...ratesOf(timing, MEASURED_RESERVATIONS), rateUnit: 'reservations/s' };
}

async function reserveHour(commands: LedgerCommands, request: { actor: typeof SYSTEM_ACTOR; correlationId: string }, resourceId: string, memberId: string, hour: number) {
  const start = new Date(NOW.getTime() + (24 + hour) * 3_600_000);
  await commands.reservations.reserve(request, { resourceId, memberId, start, end: new Date(start.getTime() + 3_600_000), quantity: 1, purpose: null });
}

/** Twenty resources with a month of reservations each; the query looks for two-hour slots over the month. */
async function measureFreeSlots(commands: LedgerCommands, readModels: ReadModels, memberId: string): Promise<BenchmarkRow[]> {
  const request = { actor: SYSTEM_ACTOR, correlationId: 'bench-free-slots' };
  const resources: ResourceFacts[] = [];
  for (let index = 0; index < FREE_SLOT_RESOURCES; index += 1) {
    const view = await commands.resources.registerResource(request, {
      name: `Bureau ${index + 1}`, kind: 'SPACE', capacity: 1 + (index % 3), hourlyRateCents: 0, ownerMemberId: null, areaM2: 12, closures: [], siteId: null,
      openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '19:00' })),
      rules: { ...DEFAULT_BOOKING_RULES, slotGranularityMinutes: 30, bufferMinutes: 15 },
    });
    resources.push(view);
    for (let day = 2; day < 30; day += 1) {
      const start = new Date(NOW.getTime() + day * 86_400_000 + ((index + day) % 6) * 3_600_000);
      const weekday = start.getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      await commands.reservations.reserve(request, { resourceId: view.resourceId, memberId, start, end: new Date(start.getTime() + 3 * 3_600_000), quantity: 1, purpose: null }).catch(() => undefined);
    }
  }
  const from = NOW;
  const to = new Date(NOW.getTime() + 31 * 86_400_000);
  const search = (limit: number) => async () => {
    for (const resource of resources) {
      const booked = (await findReservations(readModels.db, { resourceId: resource.resourceId, from, to })).filter((reservation) => reservation.status !== 'CANCELLED');
      findFreeSlots({ resource, booked, from, to, durationMinutes: 120, quantity: 1, now: NOW, limit });
    }
  };
  const first = await timeEach(FREE_SLOT_QUERIES, search(1));
  const all = await timeEach(FREE_SLOT_QUERIES, search(10_000));
  return [
    { name: 'free slots: first free slot', work: `${FREE_SLOT_RESOURCES} resources × 1 month`, ...ratesOf(first, FREE_SLOT_QUERIES), rateUnit: 'queries/s' },
    { name: 'free slots: every slot of the month', work: `${FREE_SLOT_RESOURCES} resources × 1 month`, ...ratesOf(all, FREE_SLOT_QUERIES), rateUnit: 'queries/s' },
  ];
}

/** The ratio the booking issue asks for: busy resource against new one, at the median and p99. */
function withRatio(rows: BenchmarkRow[]): BenchmarkRow[] {
  const [busy, fresh] = rows;
  if (busy?.latencyMsP50 !== undefined && fresh?.latencyMsP50 !== undefined) {
    busy.notes = `${(busy.latencyMsP50 / fresh.latencyMsP50).toFixed(2)}× the new resource's median, ${(busy.latencyMsP99! / fresh.latencyMsP99!).toFixed(2)}× its p99 (goal ≤ 1.5×)`;
  }
  return rows;
}
