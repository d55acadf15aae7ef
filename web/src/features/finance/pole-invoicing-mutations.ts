import { useMutation, useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/** The pôle's identité de facturation, as the treasurer set it (null before). */
export const PoleInvoicingProfileFragment = graphql(`
  fragment PoleInvoicingProfileFields on PoleInvoicingProfile {
    name
    address { line postalCode city countryCode }
    siret
    vatNumber
    iban
    paymentTermDays
    latePaymentPenalty
    vatOnDebits
  }
`);

export const PoleInvoicingProfileQuery = graphql(`
  query PoleInvoicingProfile { poleInvoicingProfile { ...PoleInvoicingProfileFields } }
`);

export const SetPoleInvoicingProfileMutation = graphql(`
  mutation SetPoleInvoicingProfile($input: SetPoleInvoicingProfileInput!) { setPoleInvoicingProfile(input: $input) { ...PoleInvoicingProfileFields } }
`);

export function usePoleInvoicingProfileQuery() {
  return useQuery({ query: PoleInvoicingProfileQuery, requestPolicy: 'cache-and-network' });
}

export function useSetPoleInvoicingProfileMutation() {
  return useMutation(SetPoleInvoicingProfileMutation);
}
