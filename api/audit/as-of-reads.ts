import { type Kysely } from 'kysely';
import { balancesAsOf, financeProjection } from '../../projections/finance/finance-projection.js';
import { activeReservationCount } from '../../projections/calendars/calendars-projection.js';
import { listMembers, type MemberView } from '../../projections/members/members-projection.js';
import { type Projection } from '../../projections/projection.js';
import { type ProjectionEngine } from '../../projections/projection-engine.js';
import { listResources, type ResourceView } from '../../projections/resources/resources-projection.js';
import { type ReadModelTables } from '../../projections/tables/read-model-tables.js';
import { type FoldedPastModels } from './folded-past-models.js';
import { type ModelReader } from './impact/impact-facts.js';
import { type AsOf } from './time-travel.js';

/**
 * The queries the partner room answers now or as of a log position (`{ asOfPosition }`, which
 * `TimeTravel` gives for an instant). Each goes to its projection's tables as they land (issue
 * #13); until then it reads the in-memory models, folded up to the position by `FoldedPastModels`.
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

export function asOfReads(db: Kysely<ReadModelTables>, projections: ProjectionEngine, foldedPast: FoldedPastModels): AsOfReads {
  const modelsAt = async ({ asOfPosition }: AsOf, wanted: readonly Projection<unknown>[]): Promise<ModelReader> =>
    asOfPosition === undefined ? (projection) => projections.model(projection) : foldedPast.at(asOfPosition, wanted);
  return {
    members: (asOf) => listMembers(db, asOf),
    resources: (asOf) => listResources(db, asOf),
    activeReservationCount: (asOf) => activeReservationCount(db, asOf),
    async memberBalances(asOf) {
      const [read, members] = await Promise.all([modelsAt(asOf, [financeProjection] as Projection<unknown>[]), listMembers(db, asOf)]);
      // The finance model keeps an account for every member ever registered: one registered
      // later than the position would show a balance of 0 at a moment it did not exist.
      const registered = new Set(members.map((member) => member.memberId));
      const balances = balancesAsOf(read(financeProjection), Number.POSITIVE_INFINITY);
      return new Map([...balances].filter(([memberId]) => registered.has(memberId)));
    },
  };
}
