import { useMutation, useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/** A structure's identité de facturation and the mandat d’autofacturation not revoked. */
export const MemberInvoicingFragment = graphql(`
  fragment MemberInvoicing on Member {
    id
    name
    siren
    vatStatus
    address { line postalCode city countryCode }
    vatNumber
    invoiceEmail
    selfBillingMandate { grantedOn reference vatOnDebits }
  }
`);

export const MemberInvoicingQuery = graphql(`
  query MemberInvoicing($id: ID!) { member(id: $id) { ...MemberInvoicing } }
`);

export const SetMemberInvoicingDetailsMutation = graphql(`
  mutation SetMemberInvoicingDetails($input: SetMemberInvoicingDetailsInput!) { setMemberInvoicingDetails(input: $input) { ...MemberInvoicing } }
`);

export const GrantSelfBillingMandateMutation = graphql(`
  mutation GrantSelfBillingMandate($input: GrantSelfBillingMandateInput!) { grantSelfBillingMandate(input: $input) { ...MemberInvoicing } }
`);

export const RevokeSelfBillingMandateMutation = graphql(`
  mutation RevokeSelfBillingMandate($input: RevokeSelfBillingMandateInput!) { revokeSelfBillingMandate(input: $input) { ...MemberInvoicing } }
`);

export function useMemberInvoicingQuery(memberId: string) {
  return useQuery({ query: MemberInvoicingQuery, variables: { id: memberId }, requestPolicy: 'network-only' });
}

export function useSetMemberInvoicingDetailsMutation() {
  return useMutation(SetMemberInvoicingDetailsMutation);
}

export function useGrantSelfBillingMandateMutation() {
  return useMutation(GrantSelfBillingMandateMutation);
}

export function useRevokeSelfBillingMandateMutation() {
  return useMutation(RevokeSelfBillingMandateMutation);
}
