import { type Kysely } from 'kysely';
import { keyInForce } from '../../domain/finance/cost-pool.js';
import { journalTotals } from '../../domain/finance/journal-totals.js';
import { type PeriodJournalEvent } from '../../domain/finance/period-journal.js';
import { type SettlementPeriod } from '../../domain/settlement/period.js';
import { addDays } from '../../shared/paris-time.js';
import { type ChargeableItemFact, type PeriodFacts, periodWindowMs } from '../../domain/settlement/settle-period.js';
import { chargedReservationItems } from '../../projections/calendars/calendars-projection.js';
import { declarationsProjection } from '../../projections/declarations/declarations-projection.js';
import { financeProjection, type UsageFact } from '../../projections/finance/finance-projection.js';
import { membersProjection } from '../../projections/members/members-projection.js';
import { type ProjectionEngine } from '../../projections/projection-engine.js';
import { resourcesProjection } from '../../projections/resources/resources-projection.js';
import { type ReadModelTables } from '../../projections/tables/read-model-tables.js';

/**
 * The plain facts a period's settlement is computed from: costs and payments from the period's
 * own journal (as read with its expected revision), everything else from the read models.
 */
export async function gatherPeriodFacts(
  projections: ProjectionEngine,
  db: Kysely<ReadModelTables>,
  period: SettlementPeriod,
  journal: readonly PeriodJournalEvent[],
): Promise<PeriodFacts> {
  const { netCostsByPool, payments } = journalTotals(journal);
  const finance = projections.model(financeProjection);
  const declarations = projections.model(declarationsProjection);
  return {
    period,
    members: [...projections.model(membersProjection).values()].map(({ memberId, joinedOn, leftOn }) => ({ memberId, joinedOn, leftOn })),
    pools: [...finance.pools.values()].map((pool) => ({
      poolId: pool.poolId, name: pool.name, key: keyInForce(pool.keys, period).key, netCostsCents: netCostsByPool.get(pool.poolId) ?? 0,
    })),
    occupancies: declarations.occupancies.map(({ memberId, resourceId, areaM2, from, to }) => ({ memberId, resourceId, areaM2, from, to })),
    headcountDeclarations: declarations.headcounts.map(({ memberId, headcount, from }) => ({ memberId, headcount, from })),
    items: await chargeableItems(projections, db, period),
    resources: [...projections.model(resourcesProjection).values()].map(({ resourceId, hourlyRateCents, ownerMemberId }) => ({
      resourceId, hourlyRateCents, ownerMemberId,
    })),
    payments,
  };
}

/**
 * Reservations and usage entries starting in the period. A confirmed reservation is usage and is
 * charged; one cancelled after the deadline is charged only; one cancelled in time, rejected, or
 * requested and never approved is neither. A reversed usage entry counts for nothing.
 */
async function chargeableItems(projections: ProjectionEngine, db: Kysely<ReadModelTables>, period: SettlementPeriod): Promise<ChargeableItemFact[]> {
  const items: ChargeableItemFact[] = await chargedReservationItems(db, periodWindowMs(period));
  // The usage entries, filed by day, are the items themselves: copied by reference, into an array sized once.
  const { usageByDay } = projections.model(financeProjection);
  const days: UsageFact[][] = [];
  for (let day = period.from; day < period.to; day = addDays(day, 1)) days.push(usageByDay.get(day) ?? []);
  let count = items.length;
  items.length = count + days.reduce((total, entries) => total + entries.length, 0);
  for (const entries of days) {
    for (const entry of entries) if (!entry.reversed) items[count++] = entry;
  }
  items.length = count;
  return items;
}
