import { useMutation, useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const MyNoticesQuery = graphql(`
  query MyNotices {
    me {
      id
      noticesEnabled
    }
  }
`);

export const SetNoticesEnabledMutation = graphql(`
  mutation SetNoticesEnabled($enabled: Boolean!) {
    setNoticesEnabled(enabled: $enabled)
  }
`);

export function useMyNoticesQuery() {
  return useQuery({ query: MyNoticesQuery });
}

export function useSetNoticesEnabledMutation() {
  return useMutation(SetNoticesEnabledMutation);
}
