import { gql, useQuery } from 'urql';

export interface ImpactData {
  impactIndicators: {
    from: string;
    to: string;
    days: number;
    memberCount: number;
    usingMemberCount: number;
    usingOthersMemberCount: number;
    totalHours: number;
    hoursByKind: { kind: string; hours: number }[];
    hoursBySite: { site: { name: string } | null; hours: number }[];
    occupancy: { resource: { id: string; name: string }; usedUnitHours: number; occupancyRate: number | null }[];
    sharedAreaM2: number;
    spaceCount: number;
    staffHours: number;
    staffFte: number;
    flows: { user: { name: string }; owner: { name: string } | null; hours: number; directChargesCents: number; useCount: number }[];
    mutualisedCostsCents: number;
    costsByPool: { pool: { id: string; name: string }; amountCents: number }[];
  };
}

export const ImpactQuery = gql<ImpactData, { from: string; to: string }>`
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
`;

export function useImpactQuery(variables: { from: string; to: string }) {
  return useQuery({ query: ImpactQuery, variables, requestPolicy: 'cache-and-network' });
}
