import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const ChangeBookingSettingsMutation = graphql(`
  mutation ChangeBookingSettings($resourceId: ID!, $input: BookingSettingsInput!) {
    changeBookingSettings(resourceId: $resourceId, input: $input) {
      ...AdminResource
    }
  }
`);

export function useChangeBookingSettingsMutation() {
  return useMutation(ChangeBookingSettingsMutation);
}
