import { type Kysely } from 'kysely';
import { type ImpactFacts, type ImpactRange } from '../../../domain/impact/impact-indicators.js';
import { startOfParisDay, toParisLocalTime } from '../../../shared/paris-time.js';
import { chargedReservationItems } from '../../../projections/calendars/calendars-projection.js';
import { financeProjection } from '../../../projections/finance/finance-projection.js';
import { listMembers } from '../../../projections/members/members-projection.js';
import { type Projection } from '../../../projections/projection.js';
import { listResources } from '../../../projections/resources/resources-projection.js';
import { type ReadModelTables } from '../../../projections/tables/read-model-tables.js';
import { usageProjection } from '../../../projections/usage/usage-projection.js';

/** Reads a read model: the live one, or one as it stood (time travel). */
export type ModelReader = <Model>(projection: Projection<Model>) => Model;

/** No reservation lasts longer (a year): those starting earlier cannot reach into the range. */
const LONGEST_USE_MS = 366 * 24 * 3_600_000;

/**
 * The facts the indicators are computed from, read from the read models: members, resources
 * and the reservations that count as use (confirmed, or cancelled after the deadline) from their
 * tables; the usage entries not reversed, and the costs and reversals dated in the range, from
 * the in-memory models until their tables land.
 */
export async function gatherImpactFacts(db: Kysely<ReadModelTables>, read: ModelReader, range: ImpactRange): Promise<ImpactFacts> {
  const earliestStartMs = startOfParisDay(range.from).getTime() - LONGEST_USE_MS;
  const endMs = startOfParisDay(range.to).getTime();
  const inReach = (startMs: number) => startMs >= earliestStartMs && startMs < endMs;
  // The reservations that count as use are those charged: confirmed, or cancelled after the deadline.
  const charged = await chargedReservationItems(db, { startMs: earliestStartMs, endMs });
  const uses: Array<ImpactFacts['uses'][number]> = charged.map(({ resourceId, memberId, startMs, endMs: usedUntilMs, quantity }) => ({
    resourceId, memberId, startMs, endMs: usedUntilMs, quantity,
  }));
  for (const entry of read(usageProjection).values()) {
    const startMs = Date.parse(entry.start);
    if (entry.reversal === null && inReach(startMs)) {
      uses.push({ resourceId: entry.resourceId, memberId: entry.memberId, startMs, endMs: Date.parse(entry.end), quantity: 1 });
    }
  }
  const [members, resources] = await Promise.all([listMembers(db), listResources(db)]);
  return {
    range,
    members,
    resources: resources.map((resource) => ({
      ...resource, siteId: resource.siteId ?? null, registeredOn: toParisLocalTime(new Date(resource.registeredAt)).date,
    })),
    uses,
    costs: costsIn(read, range),
  };
}

function costsIn(read: ModelReader, range: ImpactRange): ImpactFacts['costs'] {
  const inRange = (date: string) => range.from <= date && date < range.to;
  const costs: Array<ImpactFacts['costs'][number]> = [];
  for (const cost of read(financeProjection).costs.values()) {
    if (inRange(cost.incurredOn)) costs.push({ poolId: cost.poolId, amountCents: cost.amountCents });
    if (cost.reversal !== null && inRange(cost.reversal.reversedOn)) costs.push({ poolId: cost.poolId, amountCents: -cost.amountCents });
  }
  return costs;
}
