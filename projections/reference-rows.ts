import { findMembers, listMembers, type MemberView } from './members/members-projection.js';
import { findResources, listResources, type ResourceView } from './resources/resources-projection.js';
import { findSites, listSites, type SiteView } from './sites/sites-projection.js';
import { CurrentRows } from './tables/current-rows.js';
import { type ReadModelsView } from './tables/read-models-view.js';

/**
 * Rows kept in memory per kind (README, « Rows kept in memory »): a pôle, or a network of them,
 * has hundreds of members and resources. Beyond this, that kind is read from the tables each time.
 */
export const MAX_KEPT_REFERENCE_ROWS = 10_000;

/** The current members, resources and sites of one process's read models, kept between their changes. */
export class ReferenceRows {
  readonly members: CurrentRows<MemberView>;
  readonly resources: CurrentRows<ResourceView>;
  readonly sites: CurrentRows<SiteView>;

  constructor(readModels: Pick<ReadModelsView, 'db' | 'projectionCheckpoint'>) {
    const { db } = readModels;
    const maxRows = MAX_KEPT_REFERENCE_ROWS;
    this.members = new CurrentRows(readModels, {
      projection: 'members', load: () => listMembers(db), loadSome: (ids) => findMembers(db, ids), idOf: (member) => member.memberId, maxRows,
    });
    this.resources = new CurrentRows(readModels, {
      projection: 'resources', load: () => listResources(db), loadSome: (ids) => findResources(db, ids), idOf: (resource) => resource.resourceId, maxRows,
    });
    this.sites = new CurrentRows(readModels, {
      projection: 'sites', load: () => listSites(db), loadSome: (ids) => findSites(db, ids), idOf: (site) => site.siteId, maxRows,
    });
  }
}

const perReadModels = new WeakMap<object, ReferenceRows>();

/** The one `ReferenceRows` of these read models: every request of the process shares what it keeps. */
export function referenceRowsOf(readModels: Pick<ReadModelsView, 'db' | 'projectionCheckpoint'>): ReferenceRows {
  let rows = perReadModels.get(readModels);
  if (!rows) perReadModels.set(readModels, (rows = new ReferenceRows(readModels)));
  return rows;
}
