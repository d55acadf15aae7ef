import { randomUUID } from 'node:crypto';
import { type EventMetadata } from '../eventstore/event-store.js';
import { SYSTEM_ACTOR } from '../api/auth/actor.js';
import { ledgerCommands, startReadModels } from '../api/mutua.js';
import { memberStreamId } from '../domain/members/member.js';
import { resourceStreamId } from '../domain/resources/resource.js';
import { DEFAULT_BOOKING_RULES } from '../shared/booking-rules.js';
import { type ResourceKind } from '../shared/enums.js';
import { declarationsStreamId } from '../domain/declarations/declarations.js';
import { usageStreamId } from '../domain/usage/usage-entry.js';
import { costPoolStreamId } from '../domain/finance/cost-pool.js';
import { periodStreamId } from '../domain/finance/period-journal.js';
import { PERIODS_INDEX_STREAM } from '../domain/finance/periods-index.js';
import { type AllocationKey } from '../domain/settlement/allocation-keys.js';
import { addDays, fromParisWallClock } from '../shared/paris-time.js';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { type Benchmark, formatCount, percentile, QUICK_RUN, timeEach } from './benchmark.js';
import { seededRandom } from './ledger-events.js';
import { type Workspace } from './workspace.js';
import { appendStreams, type Stream } from './append-streams.js';

/** `MUTUA_BENCH_SETTLEMENT_ENTRIES=100000 npm run bench` (or `-- --quick`) gives a quick run. */
const USAGE_ENTRY_COUNT = Number(process.env.MUTUA_BENCH_SETTLEMENT_ENTRIES ?? (QUICK_RUN ? 100_000 : 1_000_000));
const MEMBER_COUNT = 200;
const POOL_COUNT = 30;
const RESOURCE_COUNT = 30;
const PREVIEW_ROUNDS = 5;
const EVENTS_PER_SETUP_COMMIT = 50_000;
const PERIOD = { periodId: randomUUID(), from: '2026-03-01', to: '2026-04-01' };
/** The day after the period: closing is allowed from its end on. */
const AFTER_THE_PERIOD = new Date('2026-04-02T08:00:00Z');
const METADATA: EventMetadata = { correlationId: 'bench-settlement', actorUserId: 'system', actorRole: 'TREASURER' };

/**
 * Preview and close of a month with 200 members, 30 pools of every kind of key and a million
 * usage entries, through the same command handlers and read models as the server. The log is
 * written and folded once beforehand (setup, not measured).
 */
export const settlementBenchmark: Benchmark = {
  title: `Settlement of a period (${MEMBER_COUNT} members, ${POOL_COUNT} pools, ${formatCount(USAGE_ENTRY_COUNT)} usage entries)`,
  async run(workspace) {
    const setupStartedMs = performance.now();
    const opened = workspace.openStore('settlement.sqlite');
    await writeHistory(opened.store, seededRandom(20_260_301));
    const snapshotDatabase = openSqliteDatabase(workspace.path('settlement-snapshots.sqlite'));
    // A day between snapshots: saving a million entries' models would block the event loop in the middle of a measure.
    const readModels = await startReadModels(opened.store);
    const setupMs = performance.now() - setupStartedMs;
    const commands = ledgerCommands(opened.store, readModels, () => AFTER_THE_PERIOD);
    try {
      let lineCount = 0;
      const preview = await timeEach(PREVIEW_ROUNDS, async () => {
        lineCount = (await commands.finance.settlementOf(PERIOD.periodId)).settlement.lines.length;
      });
      const close = await timeEach(1, async () => {
        await commands.finance.closePeriod({ actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'bench' }, PERIOD.periodId);
      });
      const frozen = (await commands.finance.settlementOf(PERIOD.periodId)).period;
      if (frozen.status !== 'CLOSED' || frozen.digest === null) throw new Error('The period did not close');
      const work = `${MEMBER_COUNT} members, ${POOL_COUNT} pools, ${formatCount(USAGE_ENTRY_COUNT)} usage entries`;
      return [
        {
          name: 'Settlement preview (settlementOf, open period)',
          work,
          durationMs: percentile(preview.latenciesMs, 50),
          latencyMsP50: percentile(preview.latenciesMs, 50),
          latencyMsP99: percentile(preview.latenciesMs, 99),
          notes: `median of ${PREVIEW_ROUNDS} previews, ${lineCount} lines; setup (write and fold the log) ${(setupMs / 1_000).toFixed(0)} s, not measured`,
        },
        {
          name: 'Period close (settle, digest, append PeriodClosed, project)',
          work,
          durationMs: close.durationMs,
          notes: `digest over ${formatCount(frozen.digest.eventCount)} events dated in the period; goal: under 2 s`,
        },
      ];
    } finally {
      await readModels.stop();
      snapshotDatabase.close();
      await opened.close();
    }
  },
};

/** Members, resources, declarations, pools, the period's journal, then the usage entries, in commits of 50,000. */
async function writeHistory(store: ReturnType<Workspace['openStore']>['store'], random: () => number): Promise<void> {
  const memberIds = Array.from({ length: MEMBER_COUNT }, () => randomUUID());
  const resources = Array.from({ length: RESOURCE_COUNT }, (_, index) => resourceFacts(index, memberIds));
  const streams: Stream[] = [
    ...memberIds.map((memberId, index) => ({
      streamId: memberStreamId(memberId),
      events: [{ type: 'MemberRegistered', data: { memberId, name: `Structure ${index + 1}`, legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: index % 10 === 0 ? '2026-03-15' : '2025-01-01' } }],
    })),
    ...resources.map((resource) => ({ streamId: resourceStreamId(resource.resourceId), events: [{ type: 'ResourceRegistered', data: resource }] })),
    ...memberIds.map((memberId, index) => ({ streamId: declarationsStreamId(memberId), events: declarations(memberId, index, resources) })),
    ...poolStreams(resources.map((resource) => resource.resourceId), memberIds),
    { streamId: PERIODS_INDEX_STREAM, events: [{ type: 'PeriodRegistered', data: PERIOD }] },
    { streamId: periodStreamId(PERIOD.periodId), events: journal(memberIds, random) },
  ];
  await appendStreams(store, streams, METADATA);
  const usable = resources.filter((resource) => resource.kind !== 'SPACE');
  for (let written = 0; written < USAGE_ENTRY_COUNT; written += EVENTS_PER_SETUP_COMMIT) {
    const count = Math.min(EVENTS_PER_SETUP_COMMIT, USAGE_ENTRY_COUNT - written);
    await appendStreams(store, Array.from({ length: count }, () => usageStream(memberIds, usable, random)), METADATA);
  }
}

function resourceFacts(index: number, memberIds: readonly string[]) {
  const kinds: ResourceKind[] = ['SPACE', 'EQUIPMENT', 'STAFF'];
  const kind = kinds[index % 3]!;
  return {
    resourceId: randomUUID(), name: `Ressource ${index + 1}`, kind, capacity: 1,
    hourlyRateCents: index % 4 === 0 ? 0 : 800 + index * 100, ownerMemberId: index % 2 === 0 ? memberIds[index] ?? null : null,
    areaM2: kind === 'SPACE' ? 10 + index : null, openingHours: [], rules: DEFAULT_BOOKING_RULES, closures: [], siteId: null,
  };
}

function declarations(memberId: string, index: number, resources: ReadonlyArray<{ resourceId: string; kind: string; areaM2: number | null }>): Stream['events'] {
  const spaces = resources.filter((resource) => resource.kind === 'SPACE');
  const space = spaces[index % spaces.length]!;
  return [
    { type: 'HeadcountDeclared', data: { memberId, headcount: 1 + (index % 7), from: '2025-01-01' }, businessDate: '2025-01-01' },
    ...(index % 2 === 0 ? [] : [{ type: 'OccupancyDeclared', data: { occupancyId: randomUUID(), memberId, resourceId: space.resourceId, areaM2: space.areaM2, from: '2026-03-10', to: null }, businessDate: '2026-03-10' }]),
  ];
}

/** Thirty pools cycling through every kind of key, two of them composite. */
function poolStreams(resourceIds: readonly string[], memberIds: readonly string[]): Stream[] {
  const keyFor = (index: number): AllocationKey => {
    const linked = [resourceIds[(index * 2 + 1) % resourceIds.length]!, resourceIds[(index * 2 + 2) % resourceIds.length]!];
    switch (index % 6) {
      case 0: return { kind: 'EQUAL' };
      case 1: return { kind: 'AREA' };
      case 2: return { kind: 'HEADCOUNT' };
      case 3: return { kind: 'USAGE', resourceIds: linked };
      case 4: return { kind: 'FIXED_SHARES', shares: memberIds.slice(0, 40).map((memberId, position) => ({ memberId, weight: 1 + (position % 5) * 0.5 })) };
      default: return { kind: 'COMPOSITE', parts: [{ percent: 30, key: { kind: 'EQUAL' } }, { percent: 70, key: { kind: 'USAGE', resourceIds: linked } }] };
    }
  };
  return Array.from({ length: POOL_COUNT }, (_, index) => {
    const poolId = `pool-${index}`;
    const key = keyFor(index);
    const resourceIdsOfKey = key.kind === 'USAGE' ? [...key.resourceIds] : key.kind === 'COMPOSITE' && key.parts[1]?.key.kind === 'USAGE' ? [...key.parts[1].key.resourceIds] : [];
    return { streamId: costPoolStreamId(poolId), events: [{ type: 'CostPoolDefined', data: { poolId, name: `Pot ${index + 1}`, accountNumber: '628000', key, resourceIds: resourceIdsOfKey } }] };
  });
}

function journal(memberIds: readonly string[], random: () => number): Stream['events'] {
  const events: Stream['events'] = [{ type: 'PeriodOpened', data: PERIOD, businessDate: PERIOD.from }];
  for (let poolIndex = 0; poolIndex < POOL_COUNT; poolIndex += 1) {
    for (let costIndex = 0; costIndex < 4; costIndex += 1) {
      const incurredOn = addDays(PERIOD.from, Math.floor(random() * 31));
      events.push({ type: 'CostRecorded', data: { costId: randomUUID(), poolId: `pool-${poolIndex}`, amountCents: 1_000 + Math.floor(random() * 500_000), incurredOn, label: 'Facture', reference: null }, businessDate: incurredOn });
    }
  }
  for (const memberId of memberIds) {
    const paidOn = addDays(PERIOD.from, Math.floor(random() * 31));
    events.push({ type: 'PaymentRecorded', data: { paymentId: randomUUID(), memberId, amountCents: 10_000 + Math.floor(random() * 100_000), paidOn, direction: 'FROM_MEMBER', reference: null }, businessDate: paidOn });
  }
  return events;
}

/** A timesheet line or machine time: 15 min to 4 h, on a weekday of March, by any member. */
function usageStream(memberIds: readonly string[], resources: ReadonlyArray<{ resourceId: string }>, random: () => number): Stream {
  const entryId = randomUUID();
  const memberIndex = Math.floor(random() * memberIds.length);
  const date = addDays(memberIndex % 10 === 0 ? '2026-03-15' : PERIOD.from, Math.floor(random() * (memberIndex % 10 === 0 ? 17 : 31)));
  const start = fromParisWallClock(date, 8 * 60 + Math.floor(random() * 40) * 15);
  const end = new Date(start.getTime() + (15 + Math.floor(random() * 16) * 15) * 60_000);
  const resource = resources[Math.floor(random() * resources.length)]!;
  return {
    streamId: usageStreamId(entryId),
    events: [{ type: 'UsageRecorded', data: { entryId, resourceId: resource.resourceId, memberId: memberIds[memberIndex]!, start: start.toISOString(), end: end.toISOString(), note: null }, businessDate: date }],
  };
}
