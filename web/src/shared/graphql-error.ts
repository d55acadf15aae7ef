import { type ErrorCode, isErrorCode } from '../../../shared/error-codes.js';

/** The parts of urql's `CombinedError` this module reads; structural, so it is testable alone. */
export interface GraphqlErrorLike {
  networkError?: Error | undefined;
  graphQLErrors: ReadonlyArray<{ message: string; extensions?: Readonly<Record<string, unknown>> | undefined }>;
  response?: { status?: number } | undefined;
}

/** What went wrong, in terms the interface can explain. */
export interface ExplainedError {
  /** An expected failure's contract code, `NETWORK` when the server could not be reached, or `UNKNOWN`. */
  code: ErrorCode | 'NETWORK' | 'UNKNOWN';
  /**
   * The server's own (French) message, kept only for expected failures: a masked unexpected
   * failure says nothing useful to a member and may be in English.
   */
  serverMessage: string | null;
  /**
   * The other fields of the error's `extensions`, e.g. `rule` (which booking rule was broken) or
   * `occurrenceStart` (which occurrence of a series was refused). Empty when there are none.
   */
  details: Readonly<Record<string, unknown>>;
}

export function explainGraphqlError(error: GraphqlErrorLike): ExplainedError {
  for (const graphqlError of error.graphQLErrors) {
    const code = graphqlError.extensions?.code;
    if (isErrorCode(code)) {
      const message = graphqlError.message.trim();
      const { code: _code, ...details } = graphqlError.extensions ?? {};
      return { code, serverMessage: message === '' ? null : message, details };
    }
  }
  // A server that rejects the token at the HTTP layer answers 401 before GraphQL runs.
  if (error.response?.status === 401) return { code: 'UNAUTHENTICATED', serverMessage: null, details: {} };
  if (error.networkError && error.graphQLErrors.length === 0) return { code: 'NETWORK', serverMessage: null, details: {} };
  return { code: 'UNKNOWN', serverMessage: null, details: {} };
}

/** A refusal for too many failed attempts: the server's own words, and the wait in whole seconds. */
export interface RateLimited {
  kind: 'rateLimited';
  serverMessage: string | null;
  retryAfterSeconds: number | null;
}

/** The refusal as `RATE_LIMITED`, or null for any other failure. */
export function rateLimitOf(error: ExplainedError): RateLimited | null {
  if (error.code !== 'RATE_LIMITED') return null;
  const { retryAfterSeconds } = error.details;
  return {
    kind: 'rateLimited',
    serverMessage: error.serverMessage,
    retryAfterSeconds: typeof retryAfterSeconds === 'number' && Number.isFinite(retryAfterSeconds) ? Math.ceil(retryAfterSeconds) : null,
  };
}

/** The name of the booking rule a BOOKING_RULE_VIOLATED (or a closure) refusal points at, if any. */
export function brokenRule(error: ExplainedError): string | null {
  const rule = error.details.rule;
  return typeof rule === 'string' ? rule : null;
}

export function isUnauthenticated(error: GraphqlErrorLike): boolean {
  return explainGraphqlError(error).code === 'UNAUTHENTICATED';
}
