import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import type { Viewer } from '../../shared/viewer.js';
import {
  changePasswordFailureOf,
  checkPasswordForm,
  firstFieldInTrouble,
  type ChangePasswordFailure,
  type PasswordField,
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

  // Focus follows the outcome: the first field in trouble, or the confirmation once the change is made.
  useEffect(() => {
    if (changed) {
      statusRef.current?.focus();
      return;
    }
    const field = firstFieldInTrouble(problems);
    if (field) inputs.current[field]?.focus();
  }, [failure, changed]);

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

  const set = (field: PasswordField) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [field]: event.target.value }));
  const problemFor = (field: PasswordField) => problems.find((problem) => problem.field === field);
  const describedBy = (field: PasswordField, hint?: string) => {
    const ids = [hint, problemFor(field) ? `${id}-${field}-problem` : undefined].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : undefined;
  };
  const problemText = (field: PasswordField) => {
    const problem = problemFor(field);
    if (!problem) return null;
    return (
      <p id={`${id}-${field}-problem`} className="field-problem" data-testid={`${field}-problem`}>
        {'serverMessage' in problem ? problem.serverMessage : t(problem.message)}
      </p>
    );
  };
  const passwordInput = (field: PasswordField, autoComplete: 'current-password' | 'new-password', hint?: string) => (
    <input
      id={`${id}-${field}`}
      ref={(element) => {
        inputs.current[field] = element;
      }}
      name={field}
      type="password"
      autoComplete={autoComplete}
      maxLength={256}
      required
      value={values[field]}
      onChange={set(field)}
      aria-invalid={problemFor(field) ? true : undefined}
      aria-describedby={describedBy(field, hint)}
    />
  );

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('account.password.title')}</h2>
      <p className="muted">{t('account.password.intro')}</p>
      <form className="form" onSubmit={handleSubmit} noValidate data-testid="change-password-form" aria-describedby={failure && failure.kind !== 'fields' ? alertId : undefined}>
        <div className="field">
          <label htmlFor={`${id}-currentPassword`}>{t('account.password.current')}</label>
          {passwordInput('currentPassword', 'current-password')}
          {problemText('currentPassword')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-newPassword`}>{t('account.password.new')}</label>
          {passwordInput('newPassword', 'new-password', `${id}-newPassword-hint`)}
          <p id={`${id}-newPassword-hint`} className="field-hint">
            {t('account.password.newHint')}
          </p>
          {problemText('newPassword')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirmation`}>{t('account.password.confirmation')}</label>
          {passwordInput('confirmation', 'new-password')}
          {problemText('confirmation')}
        </div>
        {failure?.kind === 'rateLimited' ? (
          <ErrorAlert id={alertId}>{failure.serverMessage ?? t('account.password.rateLimited', { seconds: failure.retryAfterSeconds ?? 60 })}</ErrorAlert>
        ) : null}
        {failure?.kind === 'server' ? <GraphqlErrorAlert id={alertId} error={failure.error} /> : null}
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
