import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { ledgerCommands, type LedgerCommands, startReadModels } from '../../api/mutua.js';
import { type AllocationKey, type SimpleAllocationKey } from '../../domain/settlement/allocation-keys.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { type ResourceKind } from '../../shared/enums.js';
import { DomainError, type DomainErrorCode } from '../../domain/shared/errors.js';
import { addDays, parisLocalToInstant } from '../../shared/paris-time.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { directChargeCents } from '../../domain/settlement/direct-charge.js';
import { listClosedPeriods } from '../../projections/finance/finance-reads.js';
import { listResources } from '../../projections/resources/resources-projection.js';
import { type ReadModels } from '../../projections/tables/read-models.js';
import { lateUsageReversalsBetween } from '../../projections/usage/usage-projection.js';

/**
 * The general guard of issue 11: whatever sequence of commands the handlers accept, the settlement
 * of every period can be previewed and closed. Commands are drawn at random (members joining and
 * leaving, resources, occupancies, headcounts in FTE, pools under every kind of key, costs,
 * payments, reservations, usage, reversals, periods opened and closed) and sent through the real
 * handlers over a real SQLite store; a refusal (a DomainError) is a fine answer to a command.
 * Then a preview must never throw, and a close may only be refused for a reason the treasurer can
 * act on (a pool with costs and no weight). Anything else — an assertion, a TypeError, a refusal
 * of a value already in the log — fails the property.
 */

const coordinator: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'property' };
const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'property' };
/** What may stop a close: the treasurer fixes the key or the facts, and closes again. */
const CLOSE_REFUSALS_FOR_USERS: readonly DomainErrorCode[] = ['NO_ALLOCATION_WEIGHT'];
/** Runs are bounded so that the file takes well under 20 s on two shared cores (6 to 9 s alone as measured, the machine being shared). */
const RUNS = Number(process.env.MUTUA_PROPERTY_RUNS ?? 100);
const MAX_STEPS = 40;
const AFTER_EVERY_PERIOD = new Date('2027-06-01T10:00:00Z');

/** Six months of 2026; a period is one or two of them, and periods may not overlap. */
const MONTHS = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01'];
const dateArbitrary = fc.integer({ min: 0, max: 240 }).map((day) => new Date(Date.UTC(2025, 11, 1 + day)).toISOString().slice(0, 10));
/** A date in one of the months periods are opened on, as most costs and payments are. */
const datedEntryArbitrary = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 31, max: 211 }).map((day) => new Date(Date.UTC(2025, 11, 1 + day)).toISOString().slice(0, 10)) }, dateArbitrary);

/** Mostly what a user types (whole numbers, hundredths), sometimes what only a careless client sends. */
const decimalArbitrary = (maxHundredths: number) => fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: maxHundredths }).map((hundredths) => hundredths / 100) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 1, arbitrary: fc.double({ min: -1, max: (maxHundredths / 100) * 2, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0.1 + 0.2, 1.005, 1 / 3, 1e-9, Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53 + 2) },
);

/** A key as drawn: shares are given to the members of the run, in order, one of them sometimes to a stranger. */
interface SimpleKeyDraft {
  kind: SimpleAllocationKey['kind'];
  weights: number[];
  strangerShare: boolean;
}
interface KeyDraft {
  composite: boolean;
  parts: Array<{ percent: number; key: SimpleKeyDraft }>;
}

const simpleKeyArbitrary: fc.Arbitrary<SimpleKeyDraft> = fc.record({
  kind: fc.constantFrom('EQUAL', 'FIXED_SHARES', 'AREA', 'HEADCOUNT', 'USAGE'),
  weights: fc.array(decimalArbitrary(1_000_000), { minLength: 1, maxLength: 4 }),
  strangerShare: fc.integer({ min: 0, max: 4 }).map((draw) => draw === 0),
});

/**
 * A composite key's percents: whole ones (what earlier versions took), two or three to the hundredth
 * adding up to 100 (33,33 + 33,33 + 33,34), sometimes a careless client's double and its complement.
 */
const compositePercentsArbitrary: fc.Arbitrary<number[]> = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 99 }).map((first) => [first, 100 - first]) },
  {
    weight: 3,
    arbitrary: fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: 1, maxLength: 2 }).map((cuts) => {
      const bounds = [0, ...cuts.sort((left, right) => left - right), 10_000];
      return bounds.slice(1).map((bound, index) => (bound - (bounds[index] ?? 0)) / 100);
    }),
  },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }).map((first) => [first, 100 - first]) },
);

const keyArbitrary: fc.Arbitrary<KeyDraft> = fc.oneof(
  simpleKeyArbitrary.map((key) => ({ composite: false, parts: [{ percent: 100, key }] })),
  fc.record({
    percents: compositePercentsArbitrary,
    keys: fc.tuple(simpleKeyArbitrary, simpleKeyArbitrary, simpleKeyArbitrary),
  }).map(({ percents, keys }) => ({ composite: true, parts: percents.map((percent, index) => ({ percent, key: keys[index] ?? keys[0] })) })),
);

const pick = fc.nat();
const registerMember = fc.record({ type: fc.constant('registerMember' as const), joinedOn: dateArbitrary });
const registerResource = fc.record({
  type: fc.constant('registerResource' as const),
  kind: fc.constantFrom<ResourceKind>('SPACE', 'EQUIPMENT', 'STAFF'),
  areaM2: fc.option(fc.oneof(fc.integer({ min: 1, max: 400 }), fc.double({ min: 0.5, max: 1_000, noNaN: true })), { nil: null }),
  hourlyRateCents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20_000 })),
  capacity: fc.integer({ min: 1, max: 3 }),
  owner: fc.option(pick, { nil: null }),
});
const openPeriod = fc.record({ type: fc.constant('openPeriod' as const), month: fc.integer({ min: 0, max: 5 }), months: fc.integer({ min: 1, max: 2 }) });
const defineCostPool = fc.record({ type: fc.constant('defineCostPool' as const), key: keyArbitrary, resources: fc.uniqueArray(pick, { maxLength: 2 }) });
// Reversed on a day of 2026: an entry of a closed period is then corrected in the open one containing that day.
const reverseUsage = fc.record({
  type: fc.constant('reverseUsage' as const), entry: pick, reversedOn: datedEntryArbitrary,
  /**
   * When set, the entry is counted from the last recorded and the reversal dated this many days into
   * the latest-starting period: the tail's usage of the first period, closed, is reversed late there.
   */
  dayInLastPeriod: fc.constant<number | null>(null),
});
const reverseUsageInLastPeriod = reverseUsage.chain((step) => fc.integer({ min: 0, max: 27 }).map((dayInLastPeriod) => ({ ...step, dayInLastPeriod })));
const closeFirstPeriod = fc.record({ type: fc.constant('closePeriod' as const), period: fc.constant(0) });
const recordUsage = fc.record({
  type: fc.constant('recordUsage' as const), member: pick, resource: pick, day: dateArbitrary,
  startMinute: fc.integer({ min: 0, max: 23 * 60 }), minutes: fc.integer({ min: 1, max: 8 * 60 }),
  /** A day of the first opened period instead of `day`, when set. */
  dayInPeriod: fc.constant<number | null>(null),
});
/** Usage on a day of the first opened period: the tail closes it, then reverses some of it late. */
const recordUsageInFirstPeriod = recordUsage.chain((step) => fc.integer({ min: 0, max: 27 }).map((dayInPeriod) => ({ ...step, dayInPeriod })));
const closePeriod = fc.record({ type: fc.constant('closePeriod' as const), period: pick });
const stepArbitrary = fc.oneof(
  registerMember,
  fc.record({ type: fc.constant('leaveMember' as const), member: pick, leftOn: dateArbitrary }),
  registerResource,
  fc.record({ type: fc.constant('declareOccupancy' as const), member: pick, resource: pick, from: dateArbitrary, to: fc.option(dateArbitrary, { nil: null }) }),
  { weight: 3, arbitrary: fc.record({ type: fc.constant('declareHeadcount' as const), member: pick, headcount: decimalArbitrary(10_000), from: dateArbitrary }) },
  { weight: 2, arbitrary: defineCostPool },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('changeAllocationKey' as const), pool: pick, period: pick, key: keyArbitrary }) },
  openPeriod,
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('recordCost' as const), pool: pick, incurredOn: datedEntryArbitrary,
      amountCents: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 500_000 }) }, fc.integer({ min: -5, max: 1_000_000_001 })),
    }),
  },
  fc.record({ type: fc.constant('reverseCost' as const), cost: pick, reversedOn: fc.option(dateArbitrary, { nil: null }) }),
  fc.record({
    type: fc.constant('recordPayment' as const), member: pick, amountCents: fc.integer({ min: 1, max: 1_000_000 }), paidOn: datedEntryArbitrary,
    direction: fc.constantFrom('FROM_MEMBER' as const, 'TO_MEMBER' as const),
  }),
  fc.record({ type: fc.constant('reversePayment' as const), payment: pick }),
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('reserve' as const), member: pick, resource: pick, day: dateArbitrary,
      startQuarter: fc.integer({ min: 0, max: 95 }), quarters: fc.integer({ min: 1, max: 16 }), quantity: fc.integer({ min: 1, max: 2 }),
    }),
  },
  fc.record({ type: fc.constant('cancelReservation' as const), reservation: pick, hoursBefore: fc.integer({ min: 1, max: 72 }) }),
  { weight: 2, arbitrary: recordUsage },
  reverseUsage,
  closePeriod,
);
type Step = typeof stepArbitrary extends fc.Arbitrary<infer Value> ? Value : never;

/** What the run has created so far, by position, for the steps to point at. */
interface World {
  members: string[];
  resources: string[];
  pools: string[];
  periods: string[];
  /** The first day of each period, in the order of `periods`. */
  periodStarts: string[];
  costs: string[];
  payments: string[];
  reservations: Array<{ reservationId: string; startMs: number }>;
  usageEntries: string[];
}

const at = <Value>(values: readonly Value[], index: number): Value | undefined => (values.length === 0 ? undefined : values[index % values.length]);

function allocationKey(draft: KeyDraft, world: World, resourceIds: string[]): AllocationKey {
  const simple = (part: SimpleKeyDraft): SimpleAllocationKey => {
    switch (part.kind) {
      case 'FIXED_SHARES': {
        const memberIds = [...world.members, ...(part.strangerShare ? ['structure-inconnue'] : [])];
        const shares = part.weights.slice(0, Math.max(memberIds.length, 1)).map((weight, index) => ({ memberId: memberIds[index] ?? 'structure-inconnue', weight }));
        return { kind: 'FIXED_SHARES', shares };
      }
      case 'USAGE':
        return { kind: 'USAGE', resourceIds };
      default:
        return { kind: part.kind };
    }
  };
  const [only] = draft.parts;
  if (!draft.composite && only) return simple(only.key);
  return { kind: 'COMPOSITE', parts: draft.parts.map((part) => ({ percent: part.percent, key: simple(part.key) })) };
}

async function run(step: Step, commands: LedgerCommands, world: World, setNow: (instant: Date) => void): Promise<void> {
  setNow(AFTER_EVERY_PERIOD);
  switch (step.type) {
    case 'registerMember': {
      const member = await commands.members.registerMember(coordinator, { name: `Structure ${world.members.length + 1}`, legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: step.joinedOn });
      world.members.push(member.memberId);
      return;
    }
    case 'leaveMember': {
      const memberId = at(world.members, step.member);
      if (memberId) await commands.members.leaveMember({ ...coordinator, reason: 'Départ' }, memberId, step.leftOn);
      return;
    }
    case 'registerResource': {
      const resource = await commands.resources.registerResource(coordinator, {
        name: `Ressource ${world.resources.length + 1}`, kind: step.kind, capacity: step.capacity, hourlyRateCents: step.hourlyRateCents,
        ownerMemberId: step.owner === null ? null : (at(world.members, step.owner) ?? null), areaM2: step.kind === 'SPACE' ? step.areaM2 : null,
        openingHours: [], closures: [], siteId: null, rules: { ...DEFAULT_BOOKING_RULES, minNoticeMinutes: 0, maxAdvanceDays: 730 },
      });
      world.resources.push(resource.resourceId);
      return;
    }
    case 'declareOccupancy': {
      const [memberId, resourceId] = [at(world.members, step.member), at(world.resources, step.resource)];
      if (memberId && resourceId) await commands.resources.declareOccupancy(coordinator, { memberId, resourceId, from: step.from, to: step.to });
      return;
    }
    case 'declareHeadcount': {
      const memberId = at(world.members, step.member);
      if (memberId) await commands.members.declareHeadcount(coordinator, { memberId, headcount: step.headcount, from: step.from });
      return;
    }
    case 'defineCostPool': {
      const resourceIds = [...new Set(step.resources.flatMap((index) => at(world.resources, index) ?? []))];
      const pool = await commands.finance.defineCostPool(treasurer, {
        name: `Pot ${world.pools.length + 1}`, accountNumber: null, key: allocationKey(step.key, world, resourceIds), resourceIds,
      });
      world.pools.push(pool.poolId);
      return;
    }
    case 'changeAllocationKey': {
      const [poolId, periodId] = [at(world.pools, step.pool), at(world.periods, step.period)];
      if (poolId && periodId) {
        await commands.finance.changeAllocationKey(treasurer, { poolId, fromPeriodId: periodId, key: allocationKey(step.key, world, world.resources.slice(0, 1)), resourceIds: null });
      }
      return;
    }
    case 'openPeriod': {
      const period = await commands.finance.openPeriod(treasurer, { from: MONTHS[step.month]!, to: MONTHS[Math.min(step.month + step.months, 6)]! });
      world.periods.push(period.periodId);
      world.periodStarts.push(period.from);
      return;
    }
    case 'recordCost': {
      const poolId = at(world.pools, step.pool);
      if (poolId) world.costs.push(await commands.finance.recordCost(treasurer, { poolId, amountCents: step.amountCents, incurredOn: step.incurredOn, label: 'Facture', reference: null }));
      return;
    }
    case 'reverseCost': {
      const costId = at(world.costs, step.cost);
      if (costId) await commands.finance.reverseCost(treasurer, { costId, reason: 'Erreur de saisie', reversedOn: step.reversedOn });
      return;
    }
    case 'recordPayment': {
      const memberId = at(world.members, step.member);
      if (memberId) {
        world.payments.push(await commands.finance.recordPayment(treasurer, { memberId, amountCents: step.amountCents, paidOn: step.paidOn, direction: step.direction, reference: null }));
      }
      return;
    }
    case 'reversePayment': {
      const paymentId = at(world.payments, step.payment);
      if (paymentId) await commands.finance.reversePayment(treasurer, { paymentId, reason: 'Erreur de saisie', reversedOn: null });
      return;
    }
    case 'reserve': {
      const [memberId, resourceId] = [at(world.members, step.member), at(world.resources, step.resource)];
      // A time the spring change skips (02:00 to 02:59 on its day) is no time a user can enter.
      const start = parisLocalToInstant(step.day, step.startQuarter * 15);
      if (!memberId || !resourceId || !start) return;
      setNow(new Date(start.getTime() - 3 * 86_400_000));
      const reservation = await commands.reservations.reserve(coordinator, {
        resourceId, memberId, start, end: new Date(start.getTime() + step.quarters * 15 * 60_000), quantity: step.quantity, purpose: null,
      });
      world.reservations.push({ reservationId: reservation.reservationId, startMs: start.getTime() });
      return;
    }
    case 'cancelReservation': {
      const reservation = at(world.reservations, step.reservation);
      if (!reservation) return;
      setNow(new Date(reservation.startMs - step.hoursBefore * 3_600_000));
      await commands.reservations.cancel({ ...coordinator, reason: 'Empêchement' }, reservation.reservationId);
      return;
    }
    case 'recordUsage': {
      const [memberId, resourceId] = [at(world.members, step.member), at(world.resources, step.resource)];
      const firstPeriodStart = world.periodStarts[0];
      const day = step.dayInPeriod !== null && firstPeriodStart !== undefined ? addDays(firstPeriodStart, step.dayInPeriod) : step.day;
      const start = parisLocalToInstant(day, step.startMinute);
      if (!memberId || !resourceId || !start) return;
      world.usageEntries.push(await commands.usage.recordUsage(coordinator, { resourceId, memberId, start, end: new Date(start.getTime() + step.minutes * 60_000), note: null }));
      return;
    }
    case 'reverseUsage': {
      const entryId = step.dayInLastPeriod === null ? at(world.usageEntries, step.entry) : world.usageEntries.at(-1 - (step.entry % 3));
      if (!entryId) return;
      const lastPeriodStart = [...world.periodStarts].sort().at(-1);
      const reversedOn = step.dayInLastPeriod !== null && lastPeriodStart !== undefined ? addDays(lastPeriodStart, step.dayInLastPeriod) : step.reversedOn;
      setNow(new Date(`${reversedOn}T10:00:00Z`));
      await commands.usage.reverseUsage({ ...coordinator, reason: 'Saisie en double' }, entryId);
      return;
    }
    case 'closePeriod': {
      const periodId = at(world.periods, step.period);
      if (periodId) await commands.finance.closePeriod(treasurer, periodId);
      return;
    }
    default:
      step satisfies never;
  }
}

/**
 * Each usage entry of a closed period reversed on a day of this one is given back, in this
 * period's settlement, exactly what it was charged, `round_half_up(minutes × rate / 60)`: the
 * user's charges and the owner's credits (or the pôle's income) are net of it, no more, no less.
 */
async function expectLateUsageGivenBack(commands: LedgerCommands, readModels: ReadModels, periodId: string): Promise<void> {
  const { period, settlement } = await commands.finance.settlementOf(periodId);
  const resources = await listResources(readModels.db);
  const reversals = await lateUsageReversalsBetween(readModels.db, period.from, period.to);
  const closed = new Set((await listClosedPeriods(readModels.db)).map((candidate) => candidate.periodId));
  for (const reversal of reversals) expect(closed.has(reversal.originalPeriodId), 'a late reversal corrects a closed period').toBe(true);
  const expectedCents = reversals.reduce((total, reversal) => {
    const rate = resources.find((resource) => resource.resourceId === reversal.resourceId)?.hourlyRateCents ?? 0;
    return total + directChargeCents(reversal.unitMinutes, 1, rate);
  }, 0);
  expect((settlement.usageCorrections ?? []).reduce((total, correction) => total + correction.amountCents, 0)).toBe(expectedCents);
}

/** A refusal is a DomainError; anything else thrown by a command is a bug the property reports. */
async function refusalOf(action: () => Promise<unknown>): Promise<DomainError | null> {
  try {
    await action();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

async function checkSequence(steps: readonly Step[]): Promise<void> {
  // The real SQLite store, in memory: durability is not what this property is about, and a run then costs no fsync.
  const database = openSqliteDatabase(':memory:');
  const store = new SqliteEventStore(database);
  const readModels = await startReadModels(store);
  let now = AFTER_EVERY_PERIOD;
  const commands = ledgerCommands(store, readModels, () => now);
  const world: World = { members: [], resources: [], pools: [], periods: [], periodStarts: [], costs: [], payments: [], reservations: [], usageEntries: [] };
  try {
    for (const step of steps) await refusalOf(() => run(step, commands, world, (instant) => { now = instant; }));
    now = AFTER_EVERY_PERIOD;
    for (const periodId of world.periods) {
      // A preview never throws: a pool without weight is a blocker in its answer, not a failure.
      const { period } = await commands.finance.settlementOf(periodId);
      if (period.status === 'CLOSED') continue;
      const refusal = await refusalOf(() => commands.finance.closePeriod(treasurer, periodId));
      if (refusal) expect(CLOSE_REFUSALS_FOR_USERS, `close refused: ${refusal.code} ${refusal.message}`).toContain(refusal.code);
      else expect((await commands.finance.settlementOf(periodId)).period.status).toBe('CLOSED');
    }
    for (const periodId of world.periods) await expectLateUsageGivenBack(commands, readModels, periodId);
  } finally {
    await readModels.stop();
    await store.close();
    database.close();
  }
}

describe('whatever the command handlers accept, every period settles', () => {
  it('previews and closes every period after a random sequence of accepted commands, refusing a close only for want of weight', async () => {
    // Members, resources, periods and pools first, so that most later steps find something to act on.
    const sequenceArbitrary = fc.tuple(
      fc.array(registerMember, { minLength: 1, maxLength: 4 }),
      fc.array(registerResource, { maxLength: 2 }),
      fc.array(openPeriod, { minLength: 1, maxLength: 3 }),
      fc.array(defineCostPool, { minLength: 1, maxLength: 2 }),
      fc.array(stepArbitrary, { minLength: 1, maxLength: MAX_STEPS }),
      // Usage, closes, then reversals of usage entries: some of them late, corrected in a period still open.
      fc.array(recordUsageInFirstPeriod, { maxLength: 3 }),
      fc.array(closeFirstPeriod, { maxLength: 1 }),
      fc.array(reverseUsageInLastPeriod, { maxLength: 3 }),
    ).map((groups): Step[] => groups.flat());
    await fc.assert(fc.asyncProperty(sequenceArbitrary, checkSequence), { numRuns: RUNS });
  });
});
