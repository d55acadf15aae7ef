import { type Kysely } from 'kysely';
import { type ImpactFacts, type ImpactRange } from '../../../domain/impact/impact-indicators.js';
import { MAX_USAGE_MINUTES } from '../../../domain/usage/usage-entry.js';
import { parisDateOf, startOfParisDay } from '../../../shared/paris-time.js';
import { chargedReservationItems } from '../../../projections/calendars/calendars-reads.js';
import { listMembers } from '../../../projections/members/members-projection.js';
import { listResources } from '../../../projections/resources/resources-projection.js';
import { type ReadModelTables } from '../../../projections/tables/read-model-tables.js';
import { listUsageEntries } from '../../../projections/usage/usage-projection.js';

/** No reservation lasts longer (a year): those starting earlier cannot reach into the range. */
const LONGEST_RESERVATION_MS = 366 * 24 * 3_600_000;
/** No usage entry lasts longer (a day): a year of them before the range would be read for nothing. */
const LONGEST_USAGE_ENTRY_MS = MAX_USAGE_MINUTES * 60_000;

/**
 * The facts the indicators are computed from, read from the read models' tables: members,
 * resources, the reservations that count as use (confirmed, or cancelled after the deadline), the
 * usage entries not reversed, and the costs and reversals dated in the range.
 */
export async function gatherImpactFacts(db: Kysely<ReadModelTables>, range: ImpactRange): Promise<ImpactFacts> {
  const startMs = startOfParisDay(range.from).getTime();
  const endMs = startOfParisDay(range.to).getTime();
  const [members, resources, charged, usage, costs] = await Promise.all([
    listMembers(db),
    listResources(db),
    // The reservations that count as use are those charged: confirmed, or cancelled after the deadline.
    // Those begun before the range are read only when they reach into it, not the whole year before.
    chargedReservationItems(db, { startMs: startMs - LONGEST_RESERVATION_MS, endMs, endingAfterMs: startMs }),
    listUsageEntries(db, { from: new Date(startMs - LONGEST_USAGE_ENTRY_MS), to: new Date(endMs) }),
    costsIn(db, range),
  ]);
  const uses: Array<ImpactFacts['uses'][number]> = charged.map((item) => ({
    resourceId: item.resourceId, memberId: item.memberId, startMs: item.startMs, endMs: item.endMs, quantity: item.quantity,
  }));
  for (const entry of usage) {
    if (entry.reversal === null) {
      uses.push({ resourceId: entry.resourceId, memberId: entry.memberId, startMs: Date.parse(entry.start), endMs: Date.parse(entry.end), quantity: 1 });
    }
  }
  return {
    range,
    members,
    resources: resources.map((resource) => ({
      ...resource, siteId: resource.siteId ?? null, registeredOn: parisDateOf(resource.registeredAt),
    })),
    uses,
    costs,
  };
}

/** Costs incurred in the range, and reversals (negative) dated in it: a few hundred rows a year, read whole. */
async function costsIn(db: Kysely<ReadModelTables>, range: ImpactRange): Promise<ImpactFacts['costs']> {
  const rows = await db.selectFrom('finance_costs').select(['pool_id', 'amount_cents', 'incurred_on', 'reversed_on'])
    .where((eb) => eb.or([
      eb.and([eb('incurred_on', '>=', range.from), eb('incurred_on', '<', range.to)]),
      eb.and([eb('reversed_on', '>=', range.from), eb('reversed_on', '<', range.to)]),
    ]))
    .orderBy('recorded_position').execute();
  const inRange = (date: string) => range.from <= date && date < range.to;
  return rows.flatMap((row) => {
    const amountCents = Number(row.amount_cents);
    return [
      ...(inRange(row.incurred_on) ? [{ poolId: row.pool_id, amountCents }] : []),
      ...(row.reversed_on !== null && inRange(row.reversed_on) ? [{ poolId: row.pool_id, amountCents: -amountCents }] : []),
    ];
  });
}
