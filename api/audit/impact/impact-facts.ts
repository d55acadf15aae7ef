import { type Kysely } from 'kysely';
import { type ImpactFacts, type ImpactIndicators, type ImpactRange, ImpactTally } from '../../../domain/impact/impact-indicators.js';
import { MAX_USAGE_MINUTES } from '../../../domain/usage/usage-entry.js';
import { parisDateOf, startOfParisDay } from '../../../shared/paris-time.js';
import { chargedReservationItemPages } from '../../../projections/calendars/calendars-reads.js';
import { listMembers } from '../../../projections/members/members-projection.js';
import { listResources } from '../../../projections/resources/resources-projection.js';
import { type ReadModelTables } from '../../../projections/tables/read-model-tables.js';
import { keysetPages } from '../../../projections/tables/keyset-pages.js';
import { listUsageEntries, type UsageEntryCursor } from '../../../projections/usage/usage-projection.js';

/** No usage entry lasts longer (a day): a year of them before the range would be read for nothing. */
const LONGEST_USAGE_ENTRY_MS = MAX_USAGE_MINUTES * 60_000;

/** Usage entries read at most per page, as many as the reservations' (`CHARGED_ITEMS_PER_PAGE`). */
const USAGE_ENTRIES_PER_PAGE = 1_000;

/**
 * The impact indicators of a range, from the read models' tables. The uses are tallied a page at
 * a time (`impactUsePages`), so that a funder's report of several years leaves the server answering
 * the others meanwhile.
 */
export async function impactIndicatorsOf(db: Kysely<ReadModelTables>, range: ImpactRange): Promise<ImpactIndicators> {
  const tally = new ImpactTally(await impactFactsBesidesUses(db, range));
  for await (const uses of impactUsePages(db, range)) tally.add(uses);
  return tally.indicators();
}

/** The members, the resources, and the costs and reversals dated in the range. */
async function impactFactsBesidesUses(db: Kysely<ReadModelTables>, range: ImpactRange): Promise<Omit<ImpactFacts, 'uses'>> {
  const [members, resources, costs] = await Promise.all([listMembers(db), listResources(db), costsIn(db, range)]);
  return {
    range,
    members,
    resources: resources.map((resource) => ({
      ...resource, siteId: resource.siteId ?? null, registeredOn: parisDateOf(resource.registeredAt),
    })),
    costs,
  };
}

/**
 * The uses that reach into the range, a page at a time: the reservations that count as use, which
 * are those charged (confirmed, or cancelled after the deadline), then the usage entries not
 * reversed. Those begun before the range are read only when they reach into it.
 */
export async function* impactUsePages(db: Kysely<ReadModelTables>, range: ImpactRange): AsyncGenerator<ImpactFacts['uses']> {
  const startMs = startOfParisDay(range.from).getTime();
  const endMs = startOfParisDay(range.to).getTime();
  for await (const charged of chargedReservationItemPages(db, { startMs, endMs, overlapping: true })) {
    yield charged.map((item) => ({ resourceId: item.resourceId, memberId: item.memberId, startMs: item.startMs, endMs: item.endMs, quantity: item.quantity }));
  }
  const window = { from: new Date(startMs - LONGEST_USAGE_ENTRY_MS), to: new Date(endMs) };
  const entryPages = keysetPages((after: UsageEntryCursor | undefined, limit) => listUsageEntries(db, { ...window, limit, ...(after ? { after } : {}) }),
    (entry) => ({ start: entry.start, entryId: entry.entryId }), USAGE_ENTRIES_PER_PAGE);
  for await (const entries of entryPages) {
    yield entries.filter((entry) => entry.reversal === null)
      .map((entry) => ({ resourceId: entry.resourceId, memberId: entry.memberId, startMs: Date.parse(entry.start), endMs: Date.parse(entry.end), quantity: 1 }));
  }
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
