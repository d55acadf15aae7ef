import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const OpenPeriodMutation = graphql(`
  mutation OpenPeriod($input: OpenPeriodInput!) {
    openPeriod(input: $input) { id }
  }
`);

export function useOpenPeriodMutation() {
  return useMutation(OpenPeriodMutation);
}
