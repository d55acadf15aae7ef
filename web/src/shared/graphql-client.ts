import { retryExchange } from '@urql/exchange-retry';
import { Client, cacheExchange, fetchExchange, mapExchange, type OperationType } from 'urql';
import { explainGraphqlError, type GraphqlErrorLike, isUnauthenticated } from './graphql-error.js';

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
      // Before the cache: a live update's failure invalidates the queries it keeps fresh, which are
      // then asked again until the server answers (`askedAgainOnceTheServerIsBack`).
      retryExchange({ initialDelayMs: 1_000, maxDelayMs: 15_000, maxNumberAttempts: ATTEMPTS_WHILE_UNREACHABLE, retryIf: askedAgainOnceTheServerIsBack }),
      cacheExchange,
      fetchExchange,
    ],
  });
}

/** Attempts of an operation while the server cannot be reached: about a minute, with the delays above. */
const ATTEMPTS_WHILE_UNREACHABLE = 8;

/**
 * Whether an operation that failed is sent again, after a second, then about twice as long each
 * time (up to 15 s between attempts): when the server could not be reached, or ended a live
 * update because it stops (`SERVER_STOPPING`: a restart, an update, a few seconds without an
 * answer). The page keeps showing what it had meanwhile; the queries a live update keeps fresh are
 * read again as the update ends, so what changed while the server was away shows once it is back.
 * A mutation is never sent again: it may have been recorded before the connection was lost, and a
 * second one could record it twice; the person sees the failure and decides.
 */
export function askedAgainOnceTheServerIsBack(error: GraphqlErrorLike, operation: { kind: OperationType }): boolean {
  if (operation.kind === 'mutation') return false;
  const { code } = explainGraphqlError(error);
  return code === 'NETWORK' || code === 'SERVER_STOPPING';
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
