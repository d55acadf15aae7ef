import { useMutation, useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/** The pôle's VAT status and each pool's and resource's treatment, as in force for the period. */
export const VatSettingsQuery = graphql(`
  query VatSettings($periodId: ID!) {
    vatSettings(periodId: $periodId) {
      status
      treatments { pool { id name } resource { id name } reinvoicesStaff treatment { kind rateBasisPoints exemption mention } }
    }
  }
`);

export const SetPoleVatStatusMutation = graphql(`
  mutation SetPoleVatStatus($input: SetPoleVatStatusInput!) { setPoleVatStatus(input: $input) { status } }
`);

export const SetVatTreatmentMutation = graphql(`
  mutation SetVatTreatment($input: SetVatTreatmentInput!) { setVatTreatment(input: $input) { status } }
`);

export function useVatSettingsQuery(periodId: string) {
  return useQuery({ query: VatSettingsQuery, variables: { periodId }, requestPolicy: 'cache-and-network' });
}

export function useSetPoleVatStatusMutation() {
  return useMutation(SetPoleVatStatusMutation);
}

export function useSetVatTreatmentMutation() {
  return useMutation(SetVatTreatmentMutation);
}
