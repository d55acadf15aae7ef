import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert } from '../../shared/ui/error-alert.js';

/** The summary of a form's problems, announced at once; each problem is also shown by its field. */
export function ProblemsSummary({ id, messages }: { id: string; messages: readonly string[] }) {
  const { t } = useI18n();
  if (messages.length === 0) return null;
  return (
    <ErrorAlert id={id}>
      <p>{t('settings.problems', { count: messages.length })}</p>
      <ul>
        {[...new Set(messages)].map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </ErrorAlert>
  );
}
