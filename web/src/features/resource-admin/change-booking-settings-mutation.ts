import { gql, useMutation } from 'urql';
import { ADMIN_RESOURCE_FIELDS, type AdminResource } from './admin-resource-query.js';
import type { BookingSettings } from './booking-settings-form.js';

export const ChangeBookingSettingsMutation = gql<{ changeBookingSettings: AdminResource }, { resourceId: string; input: BookingSettings }>`
  mutation ChangeBookingSettings($resourceId: ID!, $input: BookingSettingsInput!) {
    changeBookingSettings(resourceId: $resourceId, input: $input) {
      ${ADMIN_RESOURCE_FIELDS}
    }
  }
`;

export function useChangeBookingSettingsMutation() {
  return useMutation(ChangeBookingSettingsMutation);
}
