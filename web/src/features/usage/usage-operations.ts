import { useMemo } from 'react';
import { useMutation, useQuery } from 'urql';
import type { UsageChoicesQuery as UsageChoicesData, UsageEntriesQuery as UsageEntriesData } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';

export type UsageEntry = UsageEntriesData['usageEntries'][number];
export type UsageChoices = UsageChoicesData;

export const UsageEntriesQuery = graphql(`
  query UsageEntries($from: DateTime!, $to: DateTime!, $memberId: ID, $resourceId: ID) {
    usageEntries(from: $from, to: $to, memberId: $memberId, resourceId: $resourceId) {
      id
      start
      end
      durationMinutes
      note
      reversed
      reversalReason
      inClosedPeriod
      resource {
        id
        name
      }
      member {
        id
        name
      }
    }
  }
`);

/** The entries starting in `[from, to)`, of one structure or resource when given. */
export function useUsageEntriesQuery(variables: { from: string; to: string; memberId: string | null; resourceId: string | null }) {
  return useQuery({ query: UsageEntriesQuery, variables, requestPolicy: 'cache-and-network' });
}

export const UsageChoicesQuery = graphql(`
  query UsageChoices($withMembers: Boolean!) {
    resources {
      id
      name
    }
    members @include(if: $withMembers) {
      id
      name
    }
  }
`);

/** The resources an entry is about and, for the coordination, the structures it may enter one for. */
export function useUsageChoicesQuery(withMembers: boolean) {
  const context = useMemo(() => ({ additionalTypenames: ['Resource', 'Member'] }), []);
  return useQuery({ query: UsageChoicesQuery, variables: { withMembers }, context });
}

export const RecordUsageMutation = graphql(`
  mutation RecordUsage($input: RecordUsageInput!) {
    recordUsage(input: $input)
  }
`);

export function useRecordUsageMutation() {
  return useMutation(RecordUsageMutation);
}

export const ReverseUsageMutation = graphql(`
  mutation ReverseUsage($input: ReverseUsageInput!) {
    reverseUsage(input: $input)
  }
`);

export function useReverseUsageMutation() {
  return useMutation(ReverseUsageMutation);
}
