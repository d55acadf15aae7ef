import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { isUnauthenticated } from './graphql-error.js';

export const GRAPHQL_ENDPOINT = '/graphql';

/** Named as in `api/graphql/read-your-writes.ts` (the bundle carries no server code). */
const POSITION_HEADER = 'mutua-position';
const WAIT_FOR_POSITION_HEADER = 'mutua-wait-for-position';

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
    fetch: fetchSeeingOwnWrites(),
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

/**
 * Read-your-writes when Mutua runs several server processes: every answer says which position of
 * the log it reflects, and every request asks to be answered from read models at least as far as
 * the highest position seen, so that a reservation just made through one process is on the
 * planning another process serves next.
 */
export function fetchSeeingOwnWrites(send: typeof fetch = (...args) => fetch(...args)): typeof fetch {
  let highestSeen = -1;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (highestSeen >= 0) headers.set(WAIT_FOR_POSITION_HEADER, String(highestSeen));
    const response = await send(input, { ...init, headers });
    const position = Number(response.headers.get(POSITION_HEADER) ?? Number.NaN);
    if (Number.isSafeInteger(position) && position > highestSeen) highestSeen = position;
    return response;
  };
}
