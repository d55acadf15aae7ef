import { type Kysely } from 'kysely';
import { activeReservationCount } from '../../projections/calendars/calendars-reads.js';
import { memberBalances } from '../../projections/finance/finance-reads.js';
import { listMembers, type MemberView } from '../../projections/members/members-projection.js';
import { listResources, type ResourceView } from '../../projections/resources/resources-projection.js';
import { type ReadModelTables } from '../../projections/tables/read-model-tables.js';
import { type AsOf } from './time-travel.js';

/**
 * What the partner room's summaries read, now or as of a log position (`{ asOfPosition }`, which
 * `TimeTravel` gives for an instant): indexed queries on the read models' tables, in place.
 */
export interface AsOfReads {
  /** Members registered by then, in alphabetical order. */
  members(asOf: AsOf): Promise<MemberView[]>;
  /** Resources registered by then, with their settings as they stood, in alphabetical order. */
  resources(asOf: AsOf): Promise<ResourceView[]>;
  /** Reservations confirmed or awaiting approval. */
  activeReservationCount(asOf: AsOf): Promise<number>;
  /** Each member's balance (positive: it owed the pôle), for the members registered by then. */
  memberBalances(asOf: AsOf): Promise<Map<string, number>>;
}

export function asOfReads(db: Kysely<ReadModelTables>): AsOfReads {
  return {
    members: (asOf) => listMembers(db, asOf),
    resources: (asOf) => listResources(db, asOf),
    activeReservationCount: (asOf) => activeReservationCount(db, asOf),
    memberBalances: (asOf) => memberBalances(db, asOf),
  };
}
