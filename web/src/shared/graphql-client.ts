import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { isUnauthenticated } from './graphql-error.js';

export const GRAPHQL_ENDPOINT = '/graphql';

export interface GraphqlClientOptions {
  /** The bearer token of the session, or null before login. */
  token: string | null;
  /** Called once when the server no longer accepts the token. */
  onUnauthenticated: () => void;
}

/**
 * One client per session: signing out or in as someone else builds a new client, so one user's
 * cached answers can never be shown to the next.
 */
export function createGraphqlClient({ token, onUnauthenticated }: GraphqlClientOptions): Client {
  let notified = false;
  return new Client({
    url: GRAPHQL_ENDPOINT,
    // POST for every operation: simpler to authorise and to log on the server, and never cached
    // by an intermediary.
    preferGetMethod: false,
    // Subscriptions travel over the same POST as server-sent events (graphql-yoga's default
    // transport), so they carry the same bearer token and need no second connection type.
    fetchSubscriptions: true,
    fetchOptions: () => (token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
    exchanges: [
      mapExchange({
        onError(error) {
          if (!token || notified || !isUnauthenticated(error)) return;
          notified = true;
          // Leave the exchange pipeline before the app tears this client down.
          queueMicrotask(onUnauthenticated);
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
