import { activeReservationCount } from '../../projections/calendars/calendars-reads.js';
import { memberBalances } from '../../projections/finance/finance-reads.js';
import { listMembers, type MemberView } from '../../projections/members/members-projection.js';
import { listResources, type ResourceView } from '../../projections/resources/resources-projection.js';
import { referenceRowsOf } from '../../projections/reference-rows.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { type AsOf } from './time-travel.js';

/**
 * What the partner room's summaries read, now or as of a log position (`{ asOfPosition }`, which
 * `TimeTravel` gives for an instant): indexed queries on the read models' tables, in place.
 */
export interface AsOfReads {
  /** Members registered by then, in alphabetical order. */
  members(asOf: AsOf): Promise<readonly MemberView[]>;
  /** Resources registered by then, with their settings as they stood, in alphabetical order. */
  resources(asOf: AsOf): Promise<readonly ResourceView[]>;
  /** Reservations confirmed or awaiting approval. */
  activeReservationCount(asOf: AsOf): Promise<number>;
  /** Each member's balance (positive: it owed the pôle), for the members registered by then. */
  memberBalances(asOf: AsOf): Promise<Map<string, number>>;
}

/** Now, the members and resources come from the rows the process keeps (`ReferenceRows`). */
export function asOfReads(readModels: Pick<ReadModelsView, 'db' | 'projectionCheckpoint'>): AsOfReads {
  const { db } = readModels;
  const now = referenceRowsOf(readModels);
  return {
    members: (asOf) => (asOf.asOfPosition === undefined ? now.members.list() : listMembers(db, asOf)),
    resources: (asOf) => (asOf.asOfPosition === undefined ? now.resources.list() : listResources(db, asOf)),
    activeReservationCount: (asOf) => activeReservationCount(db, asOf),
    memberBalances: (asOf) => memberBalances(db, asOf),
  };
}
