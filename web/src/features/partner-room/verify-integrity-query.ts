import { gql, useQuery } from 'urql';

export interface IntegrityData {
  verifyIntegrity: {
    ok: boolean;
    checkedAt: string;
    eventsChecked: number;
    streamsChecked: number;
    periodClosesChecked: number;
    logDigest: string;
    problems: { kind: string; streamId: string | null; revision: number | null; eventId: string | null; position: number | null; message: string }[];
  };
}

export const VerifyIntegrityQuery = gql<IntegrityData, Record<string, never>>`
  query VerifyIntegrity {
    verifyIntegrity {
      ok checkedAt eventsChecked streamsChecked periodClosesChecked logDigest
      problems { kind streamId revision eventId position message }
    }
  }
`;

export function useVerifyIntegrityQuery() {
  return useQuery({ query: VerifyIntegrityQuery, requestPolicy: 'network-only' });
}
