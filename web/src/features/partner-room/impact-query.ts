import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const ImpactQuery = graphql(`
  query Impact($from: Date!, $to: Date!) {
    impactIndicators(from: $from, to: $to) {
      from to days memberCount usingMemberCount usingOthersMemberCount totalHours
      hoursByKind { kind hours }
      hoursBySite { site { name } hours }
      occupancy { resource { id name } usedUnitHours occupancyRate }
      sharedAreaM2 spaceCount staffHours staffFte
      flows { user { name } owner { name } hours directChargesCents useCount }
      mutualisedCostsCents
      costsByPool { pool { id name } amountCents }
    }
  }
`);

export function useImpactQuery(variables: { from: string; to: string }) {
  return useQuery({ query: ImpactQuery, variables, requestPolicy: 'cache-and-network' });
}
