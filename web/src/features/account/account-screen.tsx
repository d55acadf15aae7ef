import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { CombinedError } from 'urql';
import { firstFieldInTrouble } from '../../shared/form-state.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { describedBy, FieldProblem } from '../../shared/ui/field-problem.js';
import type { Viewer } from '../../shared/viewer.js';
import {
  changePasswordFailureOf,
  checkPasswordForm,
  PASSWORD_FIELDS,
  type ChangePasswordFailure,
  type PasswordField,
  type PasswordProblem,
  type PasswordValues,
} from './change-password-form.js';
import { useChangePasswordMutation } from './change-password-mutation.js';
import { NoticesSection } from './notices-section.js';

const EMPTY: PasswordValues = { currentPassword: '', newPassword: '', confirmation: '' };

/** « Mon compte »: who is signed in, and changing one's own password — open to every role. */
export function AccountScreen({ viewer }: { viewer: Viewer }) {
  const { t, label } = useI18n();
  return (
    <>
      <header className="page-header">
        <h1>{t('account.title')}</h1>
        <p className="muted">
          {viewer.email} · {label('role', viewer.role)}
          {viewer.member ? ` · ${viewer.member.name}` : ''}
        </p>
      </header>
      <ChangePasswordForm />
      <NoticesSection />
    </>
  );
}

function ChangePasswordForm() {
  const { t } = useI18n();
  const id = useId();
  const [values, setValues] = useState<PasswordValues>(EMPTY);
  const [failure, setFailure] = useState<ChangePasswordFailure<CombinedError> | null>(null);
  const [changed, setChanged] = useState(false);
  const [{ fetching }, changePassword] = useChangePasswordMutation();
  const inputs = useRef<Partial<Record<PasswordField, HTMLInputElement | null>>>({});
  const statusRef = useRef<HTMLDivElement>(null);
  const problems = failure?.kind === 'fields' ? failure.problems : [];
  const alertId = `${id}-alert`;

  useFocusOnOutcome(failure, changed, inputs, statusRef);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(false);
    const found = checkPasswordForm(values);
    if (found.length > 0) {
      setFailure({ kind: 'fields', problems: found });
      return;
    }
    setFailure(null);
    const result = await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (result.data?.changePassword) {
      setValues(EMPTY);
      setChanged(true);
    } else if (result.error) {
      setFailure(changePasswordFailureOf(result.error));
    }
  }

  const fieldProps = (field: PasswordField) => ({
    idPrefix: id,
    field,
    value: values[field],
    onChange: (value: string) => setValues((current) => ({ ...current, [field]: value })),
    problems,
    inputRef: (element: HTMLInputElement | null) => {
      inputs.current[field] = element;
    },
  });

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('account.password.title')}</h2>
      <p className="muted">{t('account.password.intro')}</p>
      <form className="form" onSubmit={handleSubmit} noValidate data-testid="change-password-form" aria-describedby={failure && failure.kind !== 'fields' ? alertId : undefined}>
        <PasswordInput {...fieldProps('currentPassword')} label={t('account.password.current')} autoComplete="current-password" />
        <PasswordInput {...fieldProps('newPassword')} label={t('account.password.new')} autoComplete="new-password" hint={t('account.password.newHint')} />
        <PasswordInput {...fieldProps('confirmation')} label={t('account.password.confirmation')} autoComplete="new-password" />
        {failure && failure.kind !== 'fields' ? <PasswordFailureAlert id={alertId} failure={failure} /> : null}
        {/* Always present, so that screen readers announce the confirmation when it appears. */}
        <div ref={statusRef} role="status" aria-live="polite" tabIndex={-1} className={changed ? 'alert alert-success' : undefined}>
          {changed ? t('account.password.changed') : null}
        </div>
        <button type="submit" className="button button-primary" disabled={fetching}>
          {fetching ? t('account.password.submitting') : t('account.password.submit')}
        </button>
      </form>
    </section>
  );
}

/** Focus follows the outcome: the first field in trouble, or the confirmation once the change is made. */
function useFocusOnOutcome(
  failure: ChangePasswordFailure<CombinedError> | null,
  changed: boolean,
  inputs: RefObject<Partial<Record<PasswordField, HTMLInputElement | null>>>,
  statusRef: RefObject<HTMLDivElement | null>,
) {
  useEffect(() => {
    if (changed) {
      statusRef.current?.focus();
      return;
    }
    const field = firstFieldInTrouble(PASSWORD_FIELDS, failure?.kind === 'fields' ? failure.problems : []);
    if (field) inputs.current[field]?.focus();
  }, [failure, changed, inputs, statusRef]);
}

interface PasswordInputProps {
  /** The form's id: the input's is `<idPrefix>-<field>`, its problem's `<idPrefix>-<field>-problem`. */
  idPrefix: string;
  field: PasswordField;
  label: string;
  autoComplete: 'current-password' | 'new-password';
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  problems: readonly PasswordProblem[];
  /** The form moves focus to the first field in trouble. */
  inputRef: (element: HTMLInputElement | null) => void;
}

function PasswordInput({ idPrefix, field, label, autoComplete, hint, value, onChange, problems, inputRef }: PasswordInputProps) {
  const id = `${idPrefix}-${field}`;
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        name={field}
        type="password"
        autoComplete={autoComplete}
        maxLength={256}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={problems.some((problem) => problem.field === field) ? true : undefined}
        aria-describedby={describedBy(idPrefix, field, problems, hintId)}
      />
      {hint === undefined ? null : (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <FieldProblem idPrefix={idPrefix} field={field} problems={problems} />
    </div>
  );
}

function PasswordFailureAlert({ id, failure }: { id: string; failure: Exclude<ChangePasswordFailure<CombinedError>, { kind: 'fields' }> }) {
  const { t } = useI18n();
  if (failure.kind === 'server') return <GraphqlErrorAlert id={id} error={failure.error} />;
  return <ErrorAlert id={id}>{failure.serverMessage ?? t('account.password.rateLimited', { seconds: failure.retryAfterSeconds ?? 60 })}</ErrorAlert>;
}
