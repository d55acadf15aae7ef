import { useMutation } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export type { RegisterResourceInput } from '../../shared/generated/graphql.js';

export const RegisterResourceMutation = graphql(`
  mutation RegisterResource($input: RegisterResourceInput!) {
    registerResource(input: $input) {
      id
      name
    }
  }
`);

export function useRegisterResourceMutation() {
  return useMutation(RegisterResourceMutation);
}
