import { type Kysely, sql, type Transaction } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type ResourceEvent, type ResourceFacts, withCurrentShape } from '../../domain/resources/resource.js';
import { assert } from '../../domain/shared/errors.js';
import { type ResourceKind } from '../../shared/enums.js';
import { readInLists } from '../tables/in-lists.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, type TableProjection } from '../tables/table-projection.js';
import { byFrenchName } from '../../shared/french-order.js';

export interface ResourceView extends ResourceFacts {
  /** When the resource was registered: its calendar has no older month. */
  registeredAt: string;
}

/**
 * The registration's instant is when it was decided, on Mutua's one clock (the metadata's
 * `recordedAt`, covered by the event's hash), not when the store wrote it, on the store's clock:
 * the impact report opens a resource from that day. Events written before commands kept that
 * instant have only the store's.
 */
function registeredView(recorded: RecordedEvent, facts: ResourceFacts): ResourceView {
  return { ...withCurrentShape(facts), registeredAt: recorded.metadata.recordedAt ?? recorded.recordedAt };
}

/** The settings replace the resource's; rules missing from an older event keep the resource's own. */
function withSettingsChanged(resource: ResourceView, change: Extract<ResourceEvent, { type: 'ResourceBookingSettingsChanged' }>['data']): ResourceView {
  const { resourceId: _resourceId, ...settings } = change;
  return { ...resource, ...settings, rules: { ...resource.rules, ...settings.rules } };
}

export interface ResourcesTables {
  /**
   * One row per version of a resource: the version registered, then one per change of its booking
   * settings. A version holds for the log positions `valid_from` ≤ P < `valid_to`; the current
   * one has no `valid_to`.
   */
  resource_versions: {
    resource_id: string;
    valid_from: number;
    valid_to: number | null;
    name: string;
    kind: ResourceKind;
    capacity: number;
    hourly_rate_cents: number;
    owner_member_id: string | null;
    area_m2: number | null;
    /** JSON of `OpeningHours[]`. */
    opening_hours: string;
    /** JSON of `BookingRules`. */
    rules: string;
    /** JSON of `Closure[]`. */
    closures: string;
    site_id: string | null;
    /** The registration's `recordedAt`, the same in every version. */
    registered_at: string;
  };
}

type VersionRow = ResourcesTables['resource_versions'];

/**
 * The bookable resources. Their booking settings change back and forth, so each change closes the
 * current version and opens the next: the resource as of any position is one indexed row.
 */
export const resourcesTables: TableProjection = {
  name: 'resources',
  version: 2,
  tables: ['resource_versions'],
  async createTables(db) {
    await db.schema.createTable('resource_versions')
      .addColumn('resource_id', 'text', (column) => column.notNull())
      .addColumn('valid_from', 'bigint', (column) => column.notNull())
      .addColumn('valid_to', 'bigint')
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('capacity', 'integer', (column) => column.notNull())
      .addColumn('hourly_rate_cents', 'bigint', (column) => column.notNull())
      .addColumn('owner_member_id', 'text')
      // A floor area may have decimals (12,5 m²): a double holds any number JavaScript reads back.
      .addColumn('area_m2', 'double precision')
      .addColumn('opening_hours', 'text', (column) => column.notNull())
      .addColumn('rules', 'text', (column) => column.notNull())
      .addColumn('closures', 'text', (column) => column.notNull())
      .addColumn('site_id', 'text')
      .addColumn('registered_at', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('resource_versions_primary_key', ['resource_id', 'valid_from'])
      .execute();
    // At most one current version per resource, and the index every "now" query reads: a constraint
    // that `apply` relies on, and the lookup of a version to close, so it is made with the table.
    await db.schema.createIndex('resource_versions_current').on('resource_versions').column('resource_id').unique()
      .where(sql.ref('valid_to'), 'is', null).execute();
  },
  async createIndexes(db) {
    await db.schema.createIndex('resource_versions_valid_from').on('resource_versions').column('valid_from').execute();
  },
  async apply(trx, events) {
    const versions = new ResourceVersionsBatch(trx);
    for (const recorded of events) {
      const event = recorded as unknown as ResourceEvent;
      if (event.type === 'ResourceRegistered') versions.register(registeredView(recorded, event.data), recorded.position);
      else if (event.type === 'ResourceBookingSettingsChanged') await versions.changeSettings(event.data, recorded.position);
    }
    await versions.insert();
  },
};

/**
 * The versions a batch opens, waiting to be inserted in one go. Settings changes are rare (a
 * coordinator's edit), so reading a resource's current version from the table, when it was not
 * opened in this very batch, costs one SELECT each.
 */
class ResourceVersionsBatch {
  private readonly rows: VersionRow[] = [];
  /** The current version of each resource opened in this batch, still only in `rows`. */
  private readonly opened = new Map<string, { view: ResourceView; row: VersionRow }>();

  constructor(private readonly trx: Transaction<ReadModelTables>) {}

  /** The decider registers a resource once: its first version. */
  register(view: ResourceView, position: number): void {
    this.open(view, position);
  }

  async changeSettings(change: Extract<ResourceEvent, { type: 'ResourceBookingSettingsChanged' }>['data'], position: number): Promise<void> {
    const current = await this.closeCurrent(change.resourceId, position);
    if (current) this.open(withSettingsChanged(current, change), position);
  }

  async insert(): Promise<void> {
    await insertRows(this.trx, 'resource_versions', this.rows);
  }

  private open(view: ResourceView, position: number): void {
    const row = versionRowOf(view, position);
    this.rows.push(row);
    this.opened.set(view.resourceId, { view, row });
  }

  /** Ends the resource's current version at `position` and returns it; undefined for an unknown resource. */
  private async closeCurrent(resourceId: string, position: number): Promise<ResourceView | undefined> {
    const opened = this.opened.get(resourceId);
    if (opened) {
      opened.row.valid_to = position;
      return opened.view;
    }
    const stored = await this.trx.selectFrom('resource_versions').select(VERSION_COLUMNS)
      .where('resource_id', '=', resourceId).where('valid_to', 'is', null).executeTakeFirst();
    if (!stored) return undefined;
    await this.trx.updateTable('resource_versions').set({ valid_to: position })
      .where('resource_id', '=', resourceId).where(sql.ref('valid_to'), 'is', null).execute();
    return resourceOf(stored);
  }
}

function versionRowOf(view: ResourceView, validFrom: number): VersionRow {
  return {
    resource_id: view.resourceId,
    valid_from: validFrom,
    valid_to: null,
    name: view.name,
    kind: view.kind,
    capacity: view.capacity,
    hourly_rate_cents: view.hourlyRateCents,
    owner_member_id: view.ownerMemberId,
    area_m2: view.areaM2,
    opening_hours: JSON.stringify(view.openingHours),
    rules: JSON.stringify(view.rules),
    closures: JSON.stringify(view.closures),
    site_id: view.siteId,
    registered_at: view.registeredAt,
  };
}

const VERSION_COLUMNS = [
  'resource_id', 'name', 'kind', 'capacity', 'hourly_rate_cents', 'owner_member_id', 'area_m2',
  'opening_hours', 'rules', 'closures', 'site_id', 'registered_at',
] as const;

function resourceOf(row: Pick<VersionRow, (typeof VERSION_COLUMNS)[number]>): ResourceView {
  return {
    resourceId: row.resource_id,
    name: row.name,
    kind: row.kind,
    capacity: Number(row.capacity),
    hourlyRateCents: Number(row.hourly_rate_cents),
    ownerMemberId: row.owner_member_id,
    areaM2: row.area_m2 === null ? null : Number(row.area_m2),
    openingHours: JSON.parse(row.opening_hours) as ResourceView['openingHours'],
    rules: JSON.parse(row.rules) as ResourceView['rules'],
    closures: JSON.parse(row.closures) as ResourceView['closures'],
    siteId: row.site_id,
    registeredAt: row.registered_at,
  };
}

/** Absent: now. Otherwise the state after folding the events whose position is at most `asOfPosition`. */
interface AsOf {
  asOfPosition?: number;
}

/** The version of each resource in force at the position asked (the current ones when none is). */
function selectVersions(db: Kysely<ReadModelTables>, { asOfPosition }: AsOf) {
  const query = db.selectFrom('resource_versions').select(VERSION_COLUMNS);
  if (asOfPosition === undefined) return query.where('valid_to', 'is', null);
  return query.where('valid_from', '<=', asOfPosition)
    .where((where) => where.or([where('valid_to', 'is', null), where('valid_to', '>', asOfPosition)]));
}

export async function findResource(db: Kysely<ReadModelTables>, resourceId: string, asOf: AsOf = {}): Promise<ResourceView | undefined> {
  const row = await selectVersions(db, asOf).where('resource_id', '=', resourceId).executeTakeFirst();
  return row && resourceOf(row);
}

/** A resource a recorded fact names (a reservation, a usage entry): the log registers it before. */
export async function getResource(db: Kysely<ReadModelTables>, resourceId: string): Promise<ResourceView> {
  const resource = await findResource(db, resourceId);
  assert(resource !== undefined, `the resource ${resourceId} a recorded fact names is in the read models`);
  return resource;
}

/** The resources among `resourceIds`, by id, in one query: what a list naming a resource per row reads. */
export async function findResources(db: Kysely<ReadModelTables>, resourceIds: Iterable<string>, asOf: AsOf = {}): Promise<Map<string, ResourceView>> {
  const rows = await readInLists([...new Set(resourceIds)], (ids) => selectVersions(db, asOf).where('resource_id', 'in', ids).execute());
  return new Map(rows.map((row) => [row.resource_id, resourceOf(row)]));
}

/** Resources in alphabetical order, as every list shows them. */
export async function listResources(db: Kysely<ReadModelTables>, asOf: AsOf = {}): Promise<ResourceView[]> {
  const rows = await selectVersions(db, asOf).execute();
  return alphabetically(rows.map(resourceOf));
}

function alphabetically(resources: ResourceView[]): ResourceView[] {
  return byFrenchName(resources);
}
