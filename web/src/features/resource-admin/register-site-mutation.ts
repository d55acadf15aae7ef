import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const RegisterSiteMutation = graphql(`
  mutation RegisterSite($input: RegisterSiteInput!) {
    registerSite(input: $input) {
      ...SiteSummary
    }
  }
`);

export function useRegisterSiteMutation() {
  return useMutation(RegisterSiteMutation);
}
