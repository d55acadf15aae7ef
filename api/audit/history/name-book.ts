import { financeProjection } from '../../../projections/finance/finance-projection.js';
import { calendarsProjection } from '../../../projections/calendars/calendars-projection.js';
import { membersProjection } from '../../../projections/members/members-projection.js';
import { type ProjectionEngine } from '../../../projections/projection-engine.js';
import { resourcesProjection } from '../../../projections/resources/resources-projection.js';
import { sitesProjection } from '../../../projections/sites/sites-projection.js';
import { usageProjection } from '../../../projections/usage/usage-projection.js';

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

export function nameBookOf(projections: ProjectionEngine): NameBook {
  const members = projections.model(membersProjection);
  const resources = projections.model(resourcesProjection);
  const sites = projections.model(sitesProjection);
  const finance = projections.model(financeProjection);
  const calendars = projections.model(calendarsProjection);
  const usage = projections.model(usageProjection);
  return {
    member: (memberId) => members.get(memberId)?.name ?? 'structure inconnue',
    resource: (resourceId) => resources.get(resourceId)?.name ?? 'ressource inconnue',
    site: (siteId) => sites.get(siteId)?.name ?? 'lieu inconnu',
    pool: (poolId) => finance.pools.get(poolId)?.name ?? 'pot inconnu',
    period: (periodId) => finance.periods.get(periodId),
    reservation: (reservationId) => calendars.byId.get(reservationId),
    usageEntry: (entryId) => usage.get(entryId),
  };
}
