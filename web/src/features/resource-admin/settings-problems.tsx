import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert } from '../../shared/ui/error-alert.js';
import type { SettingsProblem } from './booking-settings-form.js';

/** A problem as shown beside its field, `id` naming it for the field's `aria-describedby`. */
export type Problem = { id: string; text: string } | null;

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

/** Finds the problem of a field, if any, with the id under which it is shown (`prefix` tells forms apart). */
export function useProblem(problems: readonly SettingsProblem[], prefix: string): (field: string) => Problem {
  const { t } = useI18n();
  return (field: string) => {
    const problem = problems.find((candidate) => candidate.field === field);
    return problem ? { id: `${prefix}-${field}-problem`, text: t(problem.message, problem.params) } : null;
  };
}

export function ProblemText({ problem }: { problem: Problem }) {
  return problem ? (
    <p id={problem.id} className="field-problem">
      {problem.text}
    </p>
  ) : null;
}
