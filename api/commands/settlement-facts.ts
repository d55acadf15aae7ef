import { type Kysely } from 'kysely';
import { keyInForce } from '../../domain/finance/cost-pool.js';
import { periodVatFacts } from '../../domain/finance/vat-settings.js';
import { type PeriodVatFacts } from '../../domain/settlement/settlement-vat.js';
import { journalTotals } from '../../domain/finance/journal-totals.js';
import { type PeriodJournalEvent } from '../../domain/finance/period-journal.js';
import { assert } from '../../domain/shared/errors.js';
import { type LateCostReversal } from '../../domain/settlement/settlement-corrections.js';
import { type SettlementPeriod } from '../../domain/settlement/period.js';
import { addDays } from '../../shared/paris-time.js';
import { type VatStatus } from '../../shared/enums.js';
import { NO_VAT } from '../../shared/vat.js';
import { type ChargeableItemFact, type PeriodFacts, periodWindowMs } from '../../domain/settlement/settle-period.js';
import { chargedReservationItems } from '../../projections/calendars/calendars-reads.js';
import { listDeclarations } from '../../projections/declarations/declarations-projection.js';
import { closedPositionOf, findPeriod, listPools, loadVatSettings } from '../../projections/finance/finance-reads.js';
import { findMember, listMembers } from '../../projections/members/members-projection.js';
import { listResources } from '../../projections/resources/resources-projection.js';
import { yieldToEventLoop } from '../../projections/tables/batch-sizing.js';
import { type ReadModelTables } from '../../projections/tables/read-model-tables.js';
import {
  lateUsageReversalsBetween, membersWithUsageInMonth, type UsageGroup, usageGroupsOfDay, usageGroupsOfMonth,
} from '../../projections/usage/usage-projection.js';
import { type LateUsageReversalFact } from '../../domain/settlement/usage-corrections.js';

const MINUTE_MS = 60_000;

/**
 * The plain facts a period's settlement is computed from: costs and payments from the period's
 * own journal (as read with its expected revision), everything else from the read models.
 */
export async function gatherPeriodFacts(
  db: Kysely<ReadModelTables>,
  period: SettlementPeriod,
  journal: readonly PeriodJournalEvent[],
): Promise<PeriodFacts> {
  const { netCostsByPool, payments } = journalTotals(journal);
  const declarations = await listDeclarations(db);
  const pools = await listPools(db);
  // Reservations charged (confirmed, or cancelled late) and usage entries not reversed, starting in the period.
  const items = [...(await chargedReservationItems(db, periodWindowMs(period))), ...(await usageItems(db, period))];
  const resources = await listResources(db);
  const vat = periodVatFacts(await loadVatSettings(db), period, pools, resources);
  const lateUsageReversals = await lateUsageReversalsOf(db, period, resources);
  return {
    period,
    members: (await listMembers(db)).map(({ memberId, joinedOn, leftOn, vatStatus }) => ({ memberId, joinedOn, leftOn, vatStatus })),
    pools: pools.map((pool) => ({
      poolId: pool.poolId, name: pool.name, key: keyInForce(pool.keys, period).key, netCostsCents: netCostsByPool.get(pool.poolId) ?? 0,
    })),
    occupancies: declarations.occupancies.map(({ memberId, resourceId, areaM2, from, to }) => ({ memberId, resourceId, areaM2, from, to })),
    headcountDeclarations: declarations.headcounts.map(({ memberId, headcount, from }) => ({ memberId, headcount, from })),
    items,
    resources: resources.map(({ resourceId, hourlyRateCents, ownerMemberId }) => ({
      resourceId, hourlyRateCents, ownerMemberId,
    })),
    payments,
    ...(vat ? { vat } : {}),
    ...(lateUsageReversals.length > 0 ? { lateUsageReversals } : {}),
  };
}

/**
 * The usage entries of closed periods reversed on a day of this one, each with its resource's VAT
 * treatment in the period of the entry: the one that period's invoice charged, which the credit
 * note gives back; and with its owner's VAT status then, which decided whether the owner charged
 * VAT on the credit its self-billed invoice carried.
 */
async function lateUsageReversalsOf(
  db: Kysely<ReadModelTables>, period: SettlementPeriod, resources: ReadonlyArray<{ resourceId: string; kind: string; ownerMemberId: string | null }>,
): Promise<LateUsageReversalFact[]> {
  const reversals = await lateUsageReversalsBetween(db, period.from, period.to);
  if (reversals.length === 0) return [];
  const treatments = await treatmentsInPeriods(db, reversals.map((reversal) => reversal.originalPeriodId), { pools: [], resources });
  const ownerOf = (resourceId: string) => resources.find((resource) => resource.resourceId === resourceId)?.ownerMemberId ?? null;
  const ownerStatuses = await ownerVatStatusesAtCloses(db, reversals.map(({ resourceId, originalPeriodId }) => ({ ownerMemberId: ownerOf(resourceId), originalPeriodId })));
  return reversals.map(({ memberId, resourceId, unitMinutes, originalPeriodId }) => {
    const ownerVatStatus = ownerStatuses.get(`${originalPeriodId}|${ownerOf(resourceId)}`);
    return {
      memberId, resourceId, unitMinutes, originalPeriodId, treatment: treatments.get(originalPeriodId)?.resources[resourceId] ?? NO_VAT,
      ...(ownerVatStatus === undefined ? {} : { ownerVatStatus }),
    };
  });
}

/**
 * Each owner's VAT status in each corrected period, by `periodId|memberId`, read in the members
 * read model as of that period's `PeriodClosed`: its close settled the VAT on the owner's credits
 * and self-billed them (the AF) with the status the model held then. Neither records the status
 * itself: the frozen settlement shows it only through VAT on a credit at a rate, and an owner
 * without a mandate had no AF, yet its statement gives back the VAT it charged. A status amended
 * in the instant between the close's reading and its append would be read here, not there: the
 * close does not lock the register. Absent for the pôle's resources, and for an owner registered
 * after that close, whose settlement then reads this period's status.
 */
async function ownerVatStatusesAtCloses(
  db: Kysely<ReadModelTables>, credits: ReadonlyArray<{ ownerMemberId: string | null; originalPeriodId: string }>,
): Promise<Map<string, VatStatus>> {
  const statuses = new Map<string, VatStatus>();
  for (const { ownerMemberId, originalPeriodId } of credits) {
    const key = `${originalPeriodId}|${ownerMemberId}`;
    if (ownerMemberId === null || statuses.has(key)) continue;
    const asOfPosition = await closedPositionOf(db, originalPeriodId);
    assert(asOfPosition !== null, `the corrected period ${originalPeriodId} is closed`);
    const owner = await findMember(db, ownerMemberId, { asOfPosition });
    if (owner !== undefined) statuses.set(key, owner.vatStatus);
  }
  return statuses;
}

/**
 * The late reversals, each with its pool's VAT treatment in the period of the cost: the one that
 * period's invoice charged, which the credit note gives back, whatever the pool's treatment now.
 */
export async function withCorrectedPeriodTreatments(db: Kysely<ReadModelTables>, reversals: readonly LateCostReversal[]): Promise<LateCostReversal[]> {
  if (reversals.length === 0) return [];
  const treatments = await treatmentsInPeriods(db, reversals.map((reversal) => reversal.originalPeriodId), { pools: await listPools(db), resources: [] });
  return reversals.map((reversal) => ({ ...reversal, treatment: treatments.get(reversal.originalPeriodId)?.pools[reversal.poolId] ?? NO_VAT }));
}

/**
 * The VAT treatments of `targets` in each of the earlier periods a correction refers to, by
 * period id. A closed period's treatments no longer change (vat-settings.ts), so they are read as
 * they were when its invoices were issued.
 */
async function treatmentsInPeriods(
  db: Kysely<ReadModelTables>,
  periodIds: readonly string[],
  targets: { pools: ReadonlyArray<{ poolId: string; accountNumber: string }>; resources: ReadonlyArray<{ resourceId: string; kind: string }> },
): Promise<Map<string, PeriodVatFacts | undefined>> {
  const settings = await loadVatSettings(db);
  const treatments = new Map<string, PeriodVatFacts | undefined>();
  for (const periodId of new Set(periodIds)) {
    const original = await findPeriod(db, periodId);
    assert(original !== undefined, `the corrected period ${periodId} is known`);
    treatments.set(periodId, periodVatFacts(settings, original, targets.pools, targets.resources));
  }
  return treatments;
}

/** Members whose month of usage groups one query reads: a few thousand rows, a few milliseconds. */
const MEMBERS_PER_QUERY = 20;

/**
 * The usage entries starting in the period that are not reversed, as items with a count: entries
 * of one member on one resource lasting the same minutes are charged alike, whatever their day,
 * so each such group is one item dated at the period's start (a settlement reads of an item only
 * its period and its minutes). Whole Paris months are read from the month groups, the other days
 * from the day groups, a few members or a day per query, yielding between queries, so that a month
 * of a million entries never holds the event loop for long.
 */
async function usageItems(db: Kysely<ReadModelTables>, period: SettlementPeriod): Promise<ChargeableItemFact[]> {
  const { startMs } = periodWindowMs(period);
  const items = new Map<string, ChargeableItemFact & { count: number }>();
  const add = (groups: readonly UsageGroup[]) => {
    for (const group of groups) {
      const key = `${group.memberId}|${group.resourceId}|${group.unitMinutes}`;
      const item = items.get(key);
      if (item) item.count += group.entryCount;
      else {
        items.set(key, {
          memberId: group.memberId, resourceId: group.resourceId, startMs, endMs: startMs + group.unitMinutes * MINUTE_MS,
          quantity: 1, countsAsUsage: true, charged: true, count: group.entryCount,
        });
      }
    }
  };
  for (let day = period.from; day < period.to;) {
    const monthEnd = firstDayOfNextMonth(day);
    if (day.endsWith('-01') && monthEnd <= period.to) {
      const month = day.slice(0, 7);
      const memberIds = await membersWithUsageInMonth(db, month);
      for (let first = 0; first < memberIds.length; first += MEMBERS_PER_QUERY) {
        add(await usageGroupsOfMonth(db, month, memberIds.slice(first, first + MEMBERS_PER_QUERY)));
        await yieldToEventLoop();
      }
      day = monthEnd;
    } else {
      add(await usageGroupsOfDay(db, day));
      await yieldToEventLoop();
      day = addDays(day, 1);
    }
  }
  return [...items.values()];
}

function firstDayOfNextMonth(date: string): string {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}
