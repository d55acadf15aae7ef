import { gql, useMutation } from 'urql';
import type { ResourceKind } from '../../../../shared/enums.js';
import type { BookingSettings } from './booking-settings-form.js';

export interface RegisterResourceInput extends BookingSettings {
  name: string;
  kind: ResourceKind;
  capacity: number;
  hourlyRateCents: number;
  ownerMemberId?: string;
  areaM2?: number;
  siteId?: string;
}

export const RegisterResourceMutation = gql<{ registerResource: { id: string; name: string } }, { input: RegisterResourceInput }>`
  mutation RegisterResource($input: RegisterResourceInput!) {
    registerResource(input: $input) {
      id
      name
    }
  }
`;

export function useRegisterResourceMutation() {
  return useMutation(RegisterResourceMutation);
}
