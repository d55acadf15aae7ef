import { type Kysely } from 'kysely';
import { findPeriod, findPool } from '../../../projections/finance/finance-reads.js';
import { findReservationsByIds } from '../../../projections/calendars/calendars-reads.js';
import { findMembers } from '../../../projections/members/members-projection.js';
import { findResources } from '../../../projections/resources/resources-projection.js';
import { listSites } from '../../../projections/sites/sites-projection.js';
import { type ReadModelTables } from '../../../projections/tables/read-model-tables.js';
import { findUsageEntry } from '../../../projections/usage/usage-projection.js';

/**
 * What a describer looks up to write a sentence: names, and the slot of a reservation or usage
 * entry whose later events (approval, cancellation, reversal) carry only its id.
 *
 * Names are read from the current read models. No event renames a member, a resource, a site or
 * a pool, so today's name is the name the thing had when the event was recorded; a slot never
 * changes either. Should a rename event ever be added, the history must fold names as they stood.
 */
export interface NameBook {
  member(memberId: string): string;
  resource(resourceId: string): string;
  site(siteId: string): string;
  pool(poolId: string): string;
  period(periodId: string): { from: string; to: string } | undefined;
  reservation(reservationId: string): { start: string; end: string; quantity: number } | undefined;
  usageEntry(entryId: string): { start: string; end: string } | undefined;
}

type Slots = {
  [Kind in keyof NameBook]: ReturnType<NameBook[Kind]> extends string ? string : NonNullable<ReturnType<NameBook[Kind]>>;
};

/** Looks up, for each kind, the things of the ids given, in one go: those it does not know are left out. */
export type NameLookups = {
  [Kind in keyof NameBook]: (ids: readonly string[]) => Promise<Map<string, Slots[Kind]>>;
};

const UNKNOWN_NAMES = { member: 'structure inconnue', resource: 'ressource inconnue', site: 'site inconnu', pool: 'pot inconnu' } as const;
/** A reservation's slot names its resource, which a second round fetches: rounds stop when nothing new is asked. */
const MAX_LOOKUP_ROUNDS = 4;

/**
 * The name book for what `describe` writes, its names fetched beforehand with one lookup per kind
 * and round instead of one per name: `describe` runs once with a book that notes what it asks
 * for, the names are fetched, and again until it asks for nothing new. `describe` must be pure.
 */
export async function prefetchedNameBook(lookups: NameLookups, describe: (names: NameBook) => void): Promise<NameBook> {
  const known = Object.fromEntries(Object.keys(lookups).map((kind) => [kind, new Map()])) as { [Kind in keyof NameBook]: Map<string, Slots[Kind]> };
  const asked = Object.fromEntries(Object.keys(lookups).map((kind) => [kind, new Set<string>()])) as Record<keyof NameBook, Set<string>>;
  const book = bookOf(known, asked);
  for (let round = 0; round < MAX_LOOKUP_ROUNDS; round += 1) {
    for (const ids of Object.values(asked)) ids.clear();
    describe(book);
    const kinds = (Object.keys(asked) as Array<keyof NameBook>).filter((kind) => asked[kind].size > 0);
    if (kinds.length === 0) break;
    await Promise.all(kinds.map(async (kind) => {
      const ids = [...asked[kind]];
      const found = await lookups[kind](ids) as Map<string, never>;
      // An id not found is remembered as unknown, so that it is not asked for again.
      for (const id of ids) (known[kind] as Map<string, unknown>).set(id, found.get(id));
    }));
  }
  return bookOf(known, asked);
}

function bookOf(known: { [Kind in keyof NameBook]: Map<string, Slots[Kind]> }, asked: Record<keyof NameBook, Set<string>>): NameBook {
  const look = <Kind extends keyof NameBook>(kind: Kind, id: string): Slots[Kind] | undefined => {
    if (!known[kind].has(id)) asked[kind].add(id);
    return known[kind].get(id);
  };
  return {
    member: (memberId) => look('member', memberId) ?? UNKNOWN_NAMES.member,
    resource: (resourceId) => look('resource', resourceId) ?? UNKNOWN_NAMES.resource,
    site: (siteId) => look('site', siteId) ?? UNKNOWN_NAMES.site,
    pool: (poolId) => look('pool', poolId) ?? UNKNOWN_NAMES.pool,
    period: (periodId) => look('period', periodId),
    reservation: (reservationId) => look('reservation', reservationId),
    usageEntry: (entryId) => look('usageEntry', entryId),
  };
}

/** Where the history's names come from: the read models' tables. */
export function nameLookupsOf(db: Kysely<ReadModelTables>): NameLookups {
  // Pools, periods and usage entries named on one page are few: looked up by their primary key.
  const oneByOne = <Value>(find: (id: string) => Promise<Value | undefined>) => async (ids: readonly string[]) =>
    new Map((await Promise.all(ids.map(async (id) => [id, await find(id)] as const)))
      .flatMap(([id, value]) => (value === undefined ? [] : [[id, value] as const])));
  return {
    member: async (memberIds) => namesOf(await findMembers(db, memberIds)),
    resource: async (resourceIds) => namesOf(await findResources(db, resourceIds)),
    site: async (siteIds) => {
      const wanted = new Set(siteIds);
      return new Map((await listSites(db)).filter((site) => wanted.has(site.siteId)).map((site) => [site.siteId, site.name]));
    },
    pool: oneByOne(async (poolId) => (await findPool(db, poolId))?.name),
    period: oneByOne((periodId) => findPeriod(db, periodId)),
    reservation: async (reservationIds) => new Map((await findReservationsByIds(db, reservationIds)).map((reservation) => [reservation.reservationId, reservation])),
    usageEntry: oneByOne((entryId) => findUsageEntry(db, entryId)),
  };
}

function namesOf(found: ReadonlyMap<string, { name: string }>): Map<string, string> {
  return new Map([...found].map(([id, thing]) => [id, thing.name]));
}
