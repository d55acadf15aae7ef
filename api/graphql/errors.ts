import { GraphQLError } from 'graphql';
import { DomainError } from '../../domain/shared/errors.js';
import { isStorageUnavailable } from '../../eventstore/storage-unavailable.js';
import { AuthenticationError } from '../auth/auth-service.js';
import { EmailTakenError, LastCoordinatorError } from '../identity/identity-store.js';
import { RateLimitedError } from '../login-rate-limit.js';

/**
 * Turns the expected failures of every layer into GraphQL errors with a stable code. Anything
 * else is rethrown as is, and graphql-yoga masks it: a client never sees a stack trace.
 */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
  }
  if (error instanceof AuthenticationError) {
    return new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED' } });
  }
  if (error instanceof RateLimitedError) {
    return new GraphQLError(error.message, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: error.retryAfterSeconds } });
  }
  if (error instanceof EmailTakenError) {
    return new GraphQLError(error.message, { extensions: { code: 'VALIDATION_FAILED', field: 'email' } });
  }
  if (error instanceof LastCoordinatorError) {
    return new GraphQLError(error.message, { extensions: { code: error.code } });
  }
  // The accounts and sessions live in the store's file or database too: a full disk, or a lost
  // PostgreSQL primary, refuses a sign-in as it refuses a reservation.
  if (isStorageUnavailable(error)) {
    return new GraphQLError('Le registre est momentanément indisponible : rien n’a été enregistré, réessayez.', {
      extensions: { code: 'STORE_UNAVAILABLE' },
    });
  }
  return error;
}

/**
 * Runs a resolver, its expected failures (a conflict, a closed period, a full disk…) leaving it as
 * GraphQL errors with their code. yoga's error masking then lets them through untouched: it logs
 * every error it has to replace, and a refused reservation is no error of the server's. Failures
 * raised elsewhere are still given their code when masked (see `api/server.ts`), with a log line.
 */
export function rethrowingExpectedFailuresWithTheirCode<Result>(resolve: () => Result): Result {
  try {
    const result = resolve();
    return result instanceof Promise ? (result.catch(rethrowWithCode) as Result) : result;
  } catch (error) {
    return rethrowWithCode(error);
  }
}

function rethrowWithCode(error: unknown): never {
  throw toGraphQLError(error);
}

export const unauthenticated = () =>
  new GraphQLError('Connectez-vous pour continuer.', { extensions: { code: 'UNAUTHENTICATED' } });

export const forbidden = () =>
  new GraphQLError('Votre rôle ne permet pas cette action.', { extensions: { code: 'FORBIDDEN' } });

export const serverStoppingError = () =>
  new GraphQLError('Le serveur redémarre : les mises à jour en direct reprennent dès qu’il répond de nouveau.', { extensions: { code: 'SERVER_STOPPING' } });
