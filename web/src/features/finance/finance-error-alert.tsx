import { describeError } from '../../shared/error-messages.js';
import { explainGraphqlError, type GraphqlErrorLike } from '../../shared/graphql-error.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert } from '../../shared/ui/error-alert.js';

/**
 * A refused finance operation. The two refusals a treasurer meets in normal work get a sentence
 * that says what to do: a closed period (correct in an open one) and a pool nobody can carry
 * (named, from the preview's blockers).
 */
export function FinanceErrorAlert({ error, blockedPools = [] }: { error: GraphqlErrorLike; blockedPools?: readonly string[] }) {
  const { t } = useI18n();
  const explained = explainGraphqlError(error);
  const server = explained.serverMessage ? t('error.serverMessage', { message: explained.serverMessage }) : null;
  if (explained.code === 'NO_ALLOCATION_WEIGHT') {
    const pools = blockedPools.map((name) => t('finance.quotedName', { name })).join(', ');
    return (
      <ErrorAlert>
        <p>{pools ? t('finance.error.noWeightNamed', { pools, count: blockedPools.length }) : t('finance.error.noWeight')}</p>
        <p>{t('finance.error.noWeightHelp')}</p>
        {server ? <p className="alert-detail">{server}</p> : null}
      </ErrorAlert>
    );
  }
  if (explained.code === 'PERIOD_CLOSED') {
    return (
      <ErrorAlert>
        <p>{t('finance.error.periodClosed')}</p>
        {server ? <p className="alert-detail">{server}</p> : null}
      </ErrorAlert>
    );
  }
  const { message, detail } = describeError(explained, t);
  return (
    <ErrorAlert>
      <p>{message}</p>
      {detail ? <p className="alert-detail">{detail}</p> : null}
    </ErrorAlert>
  );
}
