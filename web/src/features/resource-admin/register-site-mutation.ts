import { gql, useMutation } from 'urql';
import type { SiteSummary } from './sites-query.js';

export interface RegisterSiteInput {
  name: string;
  address: string;
}

export const RegisterSiteMutation = gql<{ registerSite: SiteSummary }, { input: RegisterSiteInput }>`
  mutation RegisterSite($input: RegisterSiteInput!) {
    registerSite(input: $input) {
      id
      name
      address
    }
  }
`;

export function useRegisterSiteMutation() {
  return useMutation(RegisterSiteMutation);
}
