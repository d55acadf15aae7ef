import { type Kysely } from 'kysely';
import { type SiteEvent, type SiteFacts } from '../../domain/sites/site.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, type TableProjection } from '../tables/table-projection.js';
import { byFrenchName } from '../../shared/french-order.js';

export type SiteView = SiteFacts;
export interface SitesTables {
  sites: {
    site_id: string;
    name: string;
    address: string;
    /** The log position of its registration: a site exists "as of" a position at or after it. */
    registered_position: number;
  };
}

/** The places of the pôle: a site is registered once and never changes. */
export const sitesTables: TableProjection = {
  name: 'sites',
  version: 1,
  tables: ['sites'],
  async createTables(db) {
    await db.schema.createTable('sites')
      .addColumn('site_id', 'text', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('address', 'text', (column) => column.notNull())
      .addColumn('registered_position', 'bigint', (column) => column.notNull())
      .execute();
  },
  async createIndexes() {
    // A few dozen sites: their primary key is all the queries need.
  },
  async apply(trx, events) {
    const rows: Array<SitesTables['sites']> = [];
    for (const recorded of events) {
      const event = recorded as unknown as SiteEvent;
      if (event.type !== 'SiteRegistered') continue;
      const { siteId, name, address } = event.data;
      rows.push({ site_id: siteId, name, address, registered_position: recorded.position });
    }
    await insertRows(trx, 'sites', rows);
  },
};

function siteOf(row: Pick<SitesTables['sites'], 'site_id' | 'name' | 'address'>): SiteView {
  return { siteId: row.site_id, name: row.name, address: row.address };
}

export async function findSite(db: Kysely<ReadModelTables>, siteId: string): Promise<SiteView | undefined> {
  const row = await db.selectFrom('sites').select(['site_id', 'name', 'address']).where('site_id', '=', siteId).executeTakeFirst();
  return row && siteOf(row);
}

/** Sites in alphabetical order, as every list shows them. */
export async function listSites(db: Kysely<ReadModelTables>): Promise<SiteView[]> {
  const rows = await db.selectFrom('sites').select(['site_id', 'name', 'address']).execute();
  return byFrenchName(rows.map(siteOf));
}

export async function findSites(db: Kysely<ReadModelTables>, siteIds: Iterable<string>): Promise<Map<string, SiteView>> {
  const ids = [...new Set(siteIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('sites').select(['site_id', 'name', 'address']).where('site_id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.site_id, siteOf(row)]));
}
