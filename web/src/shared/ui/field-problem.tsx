import type { FormProblem } from '../form-state.js';
import { useI18n } from '../i18n/i18n.js';

/** The ids a field's control is described by: its hint if it has one, then its problem if it has one. */
export const describedBy = <Field extends string>(idPrefix: string, field: Field, problems: readonly FormProblem<Field>[], hintId?: string) =>
  [hintId, problems.some((problem) => problem.field === field) ? `${idPrefix}-${field}-problem` : undefined].filter(Boolean).join(' ') || undefined;

/** The problem shown under a field, which its control is described by. */
export function FieldProblem<Field extends string>({ idPrefix, field, problems }: { idPrefix: string; field: Field; problems: readonly FormProblem<Field>[] }) {
  const { t } = useI18n();
  const problem = problems.find((candidate) => candidate.field === field);
  if (!problem) return null;
  return (
    <p id={`${idPrefix}-${field}-problem`} className="field-problem">
      {'serverMessage' in problem ? problem.serverMessage : t(problem.message)}
    </p>
  );
}
