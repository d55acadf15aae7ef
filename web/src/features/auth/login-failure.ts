import { explainGraphqlError, type GraphqlErrorLike, rateLimitOf, type RateLimited } from '../../shared/graphql-error.js';

/** Why a sign-in did not go through, as the login screen tells it. */
export type LoginFailure<ServerError extends GraphqlErrorLike = GraphqlErrorLike> =
  | { kind: 'missingFields' }
  | { kind: 'invalidCredentials' }
  /** Too many failures from here: the server's own words say how long to wait. */
  | RateLimited
  | { kind: 'server'; error: ServerError };

/** A wrong e-mail or password is reported the same way, without saying which one was wrong. */
const CREDENTIAL_CODES = new Set(['UNAUTHENTICATED', 'VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND']);

/** The failure behind a login mutation's error (none at all is taken for wrong credentials). */
export function loginFailureOf<ServerError extends GraphqlErrorLike>(error: ServerError | undefined): LoginFailure<ServerError> {
  if (!error) return { kind: 'invalidCredentials' };
  const explained = explainGraphqlError(error);
  const rateLimited = rateLimitOf(explained);
  if (rateLimited) return rateLimited;
  if (CREDENTIAL_CODES.has(explained.code)) return { kind: 'invalidCredentials' };
  return { kind: 'server', error };
}
