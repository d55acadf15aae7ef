import { findMembers, listMembers, type MemberView } from './members/members-projection.js';
import { findResources, listResources, type ResourceView } from './resources/resources-projection.js';
import { findSites, listSites, type SiteView } from './sites/sites-projection.js';
import { CurrentRows, type KeptRows } from './tables/current-rows.js';
import { type ReadModelsView } from './tables/read-models-view.js';

/**
 * Rows kept in memory per kind (README, « Rows kept in memory »): a pôle, or a network of them,
 * has hundreds of members and resources. Beyond this, that kind is read from the tables each time.
 */
export const MAX_KEPT_REFERENCE_ROWS = 10_000;

/** The current members, resources and sites of one process's read models, kept between their changes. */
export class ReferenceRows {
  private readonly members: CurrentRows<MemberView>;
  private readonly resources: CurrentRows<ResourceView>;
  private readonly sites: CurrentRows<SiteView>;

  constructor(private readonly readModels: Pick<ReadModelsView, 'db' | 'projectionCheckpoint'>) {
    const { db } = readModels;
    const maxRows = MAX_KEPT_REFERENCE_ROWS;
    this.members = new CurrentRows(readModels, { projection: 'members', load: () => listMembers(db), idOf: (member) => member.memberId, maxRows });
    this.resources = new CurrentRows(readModels, { projection: 'resources', load: () => listResources(db), idOf: (resource) => resource.resourceId, maxRows });
    this.sites = new CurrentRows(readModels, { projection: 'sites', load: () => listSites(db), idOf: (site) => site.siteId, maxRows });
  }

  /** Members in alphabetical order. */
  async listMembers(): Promise<readonly MemberView[]> {
    return (await this.members.current())?.rows ?? listMembers(this.readModels.db);
  }

  async findMembers(memberIds: readonly string[]): Promise<ReadonlyMap<string, MemberView>> {
    return pick(await this.members.current(), memberIds) ?? findMembers(this.readModels.db, memberIds);
  }

  /** Resources in alphabetical order. */
  async listResources(): Promise<readonly ResourceView[]> {
    return (await this.resources.current())?.rows ?? listResources(this.readModels.db);
  }

  async findResources(resourceIds: readonly string[]): Promise<ReadonlyMap<string, ResourceView>> {
    return pick(await this.resources.current(), resourceIds) ?? findResources(this.readModels.db, resourceIds);
  }

  /** Sites in alphabetical order. */
  async listSites(): Promise<readonly SiteView[]> {
    return (await this.sites.current())?.rows ?? listSites(this.readModels.db);
  }

  async findSites(siteIds: readonly string[]): Promise<ReadonlyMap<string, SiteView>> {
    return pick(await this.sites.current(), siteIds) ?? findSites(this.readModels.db, siteIds);
  }
}

function pick<Row>(kept: KeptRows<Row> | undefined, ids: readonly string[]): ReadonlyMap<string, Row> | undefined {
  if (!kept) return undefined;
  const found = new Map<string, Row>();
  for (const id of ids) {
    const row = kept.byId.get(id);
    if (row) found.set(id, row);
  }
  return found;
}

const perReadModels = new WeakMap<object, ReferenceRows>();

/** The one `ReferenceRows` of these read models: every request of the process shares what it keeps. */
export function referenceRowsOf(readModels: Pick<ReadModelsView, 'db' | 'projectionCheckpoint'>): ReferenceRows {
  let rows = perReadModels.get(readModels);
  if (!rows) perReadModels.set(readModels, (rows = new ReferenceRows(readModels)));
  return rows;
}
