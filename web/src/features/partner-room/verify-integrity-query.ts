import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const VerifyIntegrityQuery = graphql(`
  query VerifyIntegrity {
    verifyIntegrity {
      ok checkedAt eventsChecked streamsChecked periodClosesChecked logDigest
      problems { kind streamId revision eventId position message }
    }
  }
`);

export function useVerifyIntegrityQuery() {
  return useQuery({ query: VerifyIntegrityQuery, requestPolicy: 'network-only' });
}
