import { type GraphqlErrorLike } from '../graphql-error.js';
import { useI18n } from '../i18n/i18n.js';
import { GraphqlErrorAlert } from './error-alert.js';
import { Loading } from './status-message.js';

interface QueryStatusProps {
  fetching: boolean;
  hasData: boolean;
  error: GraphqlErrorLike | undefined;
  /** urql's `reexecuteQuery`: a retry asks the server again rather than the cache. */
  reexecute: (context: { requestPolicy: 'network-only' }) => void;
}

/**
 * What a screen shows of its query's progress: "loading" until the first answer arrives, and on
 * failure the error in plain words with a button that asks again.
 */
export function QueryStatus({ fetching, hasData, error, reexecute }: QueryStatusProps) {
  const { t } = useI18n();
  return (
    <>
      {error ? (
        <>
          <GraphqlErrorAlert error={error} />
          <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            {t('app.retry')}
          </button>
        </>
      ) : null}
      {fetching && !hasData ? <Loading /> : null}
    </>
  );
}
