import type { ReactNode } from 'react';
import { describeError } from '../error-messages.js';
import { explainGraphqlError, type GraphqlErrorLike } from '../graphql-error.js';
import { useI18n } from '../i18n/i18n.js';

/** An error the user must notice: announced by screen readers as soon as it appears. */
export function ErrorAlert({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <div className="alert alert-error" role="alert" data-testid="error-alert" id={id}>
      {children}
    </div>
  );
}

/** A failed GraphQL operation, explained in plain words from its `extensions.code`. */
export function GraphqlErrorAlert({ id, error }: { id?: string; error: GraphqlErrorLike }) {
  const { t } = useI18n();
  const { message, detail } = describeError(explainGraphqlError(error), t);
  return (
    <ErrorAlert id={id}>
      <p>{message}</p>
      {detail ? <p className="alert-detail">{detail}</p> : null}
    </ErrorAlert>
  );
}
