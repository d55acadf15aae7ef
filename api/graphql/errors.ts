import { GraphQLError } from 'graphql';
import { DomainError } from '../../domain/shared/errors.js';
import { StoreUnavailableError } from '../../eventstore/event-store.js';
import { isSqliteStorageFailure } from '../../eventstore/sqlite/storage-failure.js';
import { AuthenticationError } from '../auth/auth-service.js';
import { EmailTakenError } from '../identity/identity-store.js';

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
  if (error instanceof EmailTakenError) {
    return new GraphQLError(error.message, { extensions: { code: 'VALIDATION_FAILED', field: 'email' } });
  }
  // The accounts and sessions live in the store's file too: a full disk refuses a sign-in as it refuses a reservation.
  if (error instanceof StoreUnavailableError || isSqliteStorageFailure(error)) {
    return new GraphQLError('Le registre est momentanément indisponible : rien n’a été enregistré, réessayez.', {
      extensions: { code: 'STORE_UNAVAILABLE' },
    });
  }
  return error;
}

export const unauthenticated = () =>
  new GraphQLError('Connectez-vous pour continuer.', { extensions: { code: 'UNAUTHENTICATED' } });

export const forbidden = () =>
  new GraphQLError('Votre rôle ne permet pas cette action.', { extensions: { code: 'FORBIDDEN' } });
