import { type Kysely } from 'kysely';
import { keyInForce } from '../../domain/finance/cost-pool.js';
import { journalTotals } from '../../domain/finance/journal-totals.js';
import { type PeriodJournalEvent } from '../../domain/finance/period-journal.js';
import { type SettlementPeriod } from '../../domain/settlement/period.js';
import { addDays } from '../../shared/paris-time.js';
import { type ChargeableItemFact, type PeriodFacts, periodWindowMs } from '../../domain/settlement/settle-period.js';
import { calendarsProjection } from '../../projections/calendars/calendars-projection.js';
import { listDeclarations } from '../../projections/declarations/declarations-projection.js';
import { listPools } from '../../projections/finance/finance-tables.js';
import { membersProjection } from '../../projections/members/members-projection.js';
import { type ProjectionEngine } from '../../projections/projection-engine.js';
import { resourcesProjection } from '../../projections/resources/resources-projection.js';
import { type ReadModelTables } from '../../projections/tables/read-model-tables.js';
import { usageGroupsOfDay } from '../../projections/usage/usage-projection.js';

const MINUTE_MS = 60_000;

/**
 * The plain facts a period's settlement is computed from: costs and payments from the period's
 * own journal (as read with its expected revision), everything else from the read models.
 */
export async function gatherPeriodFacts(
  db: Kysely<ReadModelTables>,
  projections: ProjectionEngine,
  period: SettlementPeriod,
  journal: readonly PeriodJournalEvent[],
): Promise<PeriodFacts> {
  const { netCostsByPool, payments } = journalTotals(journal);
  const declarations = await listDeclarations(db);
  const pools = await listPools(db);
  const items = [...reservationItems(projections, period), ...(await usageItems(db, period))];
  return {
    period,
    members: [...projections.model(membersProjection).values()].map(({ memberId, joinedOn, leftOn }) => ({ memberId, joinedOn, leftOn })),
    pools: pools.map((pool) => ({
      poolId: pool.poolId, name: pool.name, key: keyInForce(pool.keys, period).key, netCostsCents: netCostsByPool.get(pool.poolId) ?? 0,
    })),
    occupancies: declarations.occupancies.map(({ memberId, resourceId, areaM2, from, to }) => ({ memberId, resourceId, areaM2, from, to })),
    headcountDeclarations: declarations.headcounts.map(({ memberId, headcount, from }) => ({ memberId, headcount, from })),
    items,
    resources: [...projections.model(resourcesProjection).values()].map(({ resourceId, hourlyRateCents, ownerMemberId }) => ({
      resourceId, hourlyRateCents, ownerMemberId,
    })),
    payments,
  };
}

/**
 * Reservations starting in the period. A confirmed reservation is usage and is charged; one
 * cancelled after the deadline is charged only; one cancelled in time, rejected, or requested and
 * never approved is neither.
 */
function reservationItems(projections: ProjectionEngine, period: SettlementPeriod): ChargeableItemFact[] {
  const { startMs, endMs } = periodWindowMs(period);
  const items: ChargeableItemFact[] = [];
  for (const reservation of projections.model(calendarsProjection).byId.values()) {
    const charged = reservation.status === 'CONFIRMED' || (reservation.status === 'CANCELLED' && reservation.cancelledLate);
    if (!charged) continue;
    const itemStartMs = Date.parse(reservation.start);
    if (itemStartMs < startMs || itemStartMs >= endMs) continue;
    items.push({
      memberId: reservation.memberId, resourceId: reservation.resourceId, startMs: itemStartMs, endMs: Date.parse(reservation.end),
      quantity: reservation.quantity, countsAsUsage: reservation.status === 'CONFIRMED', charged,
    });
  }
  return items;
}

/**
 * The usage entries starting in the period that are not reversed, as items with a count: entries
 * of one member on one resource lasting the same minutes are charged alike, whatever their day,
 * so each such group is one item dated at the period's start (a settlement reads of an item only
 * its period and its minutes). The groups are read a Paris day at a time, yielding between days,
 * so that a month of a million entries never holds the event loop for long, and added up across
 * the days, so that the settlement tallies tens of thousands of items rather than a million.
 */
async function usageItems(db: Kysely<ReadModelTables>, period: SettlementPeriod): Promise<ChargeableItemFact[]> {
  const { startMs } = periodWindowMs(period);
  const items = new Map<string, ChargeableItemFact & { count: number }>();
  for (let day = period.from; day < period.to; day = addDays(day, 1)) {
    for (const group of await usageGroupsOfDay(db, day)) {
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
    await new Promise((resolve) => setImmediate(resolve));
  }
  return [...items.values()];
}
