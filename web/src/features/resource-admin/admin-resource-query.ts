import { gql, useQuery } from 'urql';
import type { ResourceKind } from '../../../../shared/enums.js';
import type { BookingSettings } from './booking-settings-form.js';

export interface AdminResource extends BookingSettings {
  id: string;
  name: string;
  kind: ResourceKind;
  capacity: number;
  hourlyRateCents: number;
  owner: { id: string; name: string } | null;
  site: { id: string; name: string } | null;
}

/** The booking settings of a resource and what identifies it. */
export const ADMIN_RESOURCE_FIELDS = `
  id
  name
  kind
  capacity
  hourlyRateCents
  owner { id name }
  site { id name }
  openingHours { weekday opens closes }
  rules {
    minDurationMinutes
    maxDurationMinutes
    minNoticeMinutes
    maxAdvanceDays
    cancellationDeadlineMinutes
    slotGranularityMinutes
    bufferMinutes
    requiresApproval
  }
  closures { from to reason }
`;

export const AdminResourceQuery = gql<{ resource: AdminResource | null }, { id: string }>`
  query AdminResource($id: ID!) {
    resource(id: $id) {
      ${ADMIN_RESOURCE_FIELDS}
    }
  }
`;

export function useAdminResourceQuery(resourceId: string) {
  return useQuery({ query: AdminResourceQuery, variables: { id: resourceId }, requestPolicy: 'network-only' });
}
