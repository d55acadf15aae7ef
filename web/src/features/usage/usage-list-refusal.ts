import { explainGraphqlError, type GraphqlErrorLike } from '../../shared/graphql-error.js';

/**
 * The server's words when it refuses the list as asked (more entries than one answer sends, or
 * too long a range): asking again would be refused again, so the screen shows them where the
 * list would be, with no « Réessayer », and the way out is a filter or a shorter range. Null for
 * any other failure, which QueryStatus explains and lets the person retry.
 */
export function usageListRefusal(error: GraphqlErrorLike | undefined): string | null {
  if (!error) return null;
  const { code, serverMessage } = explainGraphqlError(error);
  return code === 'VALIDATION_FAILED' ? serverMessage : null;
}
