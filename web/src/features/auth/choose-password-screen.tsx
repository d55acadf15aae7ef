import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading } from '../../shared/ui/status-message.js';
import { useLoginMutation } from './login-mutation.js';
import { useOneTimeLinkQuery, useResetPasswordMutation } from './password-link-operations.js';

export interface ChoosePasswordScreenProps {
  token: string;
  /** The person is signed in with the password they just chose. */
  onSignedIn: (sessionToken: string) => void;
}

type Problem = { kind: 'missing' } | { kind: 'mismatch' } | { kind: 'refused'; message: string } | { kind: 'server'; error: CombinedError };

/**
 * Opened from an invitation or password-reset mail (`#/choose-password?token=…`): the person
 * chooses their password, and is signed in with it at once.
 */
export function ChoosePasswordScreen({ token, onSignedIn }: ChoosePasswordScreenProps) {
  const { t } = useI18n();
  const [{ data, error, fetching }] = useOneTimeLinkQuery(token);
  const holder = data?.oneTimeLink;

  useEffect(() => {
    document.title = t('app.documentTitle', { page: t('choosePassword.title') });
  }, [t]);

  return (
    <main id="main" className="login-page" tabIndex={-1}>
      <div className="login-card">
        <p className="brand brand-large" aria-hidden="true">
          {t('app.name')}
        </p>
        <h1>{t('choosePassword.title')}</h1>
        {fetching ? <Loading /> : null}
        {token === '' ? <ErrorAlert>{t('error.LINK_INVALID')}</ErrorAlert> : null}
        {error ? <GraphqlErrorAlert error={error} /> : null}
        {error || token === '' ? (
          <p>
            <a href="#/">{t('choosePassword.toSignIn')}</a>
          </p>
        ) : null}
        {holder ? (
          <>
            <p className="muted">
              {t(holder.purpose === 'INVITATION' ? 'choosePassword.introInvitation' : 'choosePassword.introReset', { email: holder.email })}
            </p>
            <ChoosePasswordForm token={token} email={holder.email} onSignedIn={onSignedIn} />
          </>
        ) : null}
      </div>
    </main>
  );
}

function ChoosePasswordForm({ token, email, onSignedIn }: { token: string; email: string; onSignedIn: (sessionToken: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [{ fetching: saving }, resetPassword] = useResetPasswordMutation();
  const [{ fetching: signingIn }, login] = useLoginMutation();
  const passwordInput = useRef<HTMLInputElement>(null);
  const alertId = `${id}-alert`;

  useEffect(() => {
    if (problem && problem.kind !== 'server') passwordInput.current?.focus();
  }, [problem]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password === '') return setProblem({ kind: 'missing' });
    if (password !== confirmation) return setProblem({ kind: 'mismatch' });
    setProblem(null);
    const reset = await resetPassword({ token, newPassword: password });
    if (reset.error) {
      const [first] = reset.error.graphQLErrors;
      // A weak password is explained by the server's own words (what makes it guessable).
      if (first?.extensions.code === 'VALIDATION_FAILED') return setProblem({ kind: 'refused', message: first.message });
      return setProblem({ kind: 'server', error: reset.error });
    }
    const signedIn = await login({ email, password });
    if (signedIn.data?.login) onSignedIn(signedIn.data.login.token);
    else if (signedIn.error) setProblem({ kind: 'server', error: signedIn.error });
  }

  const fieldProblem = problem?.kind === 'missing' ? t('account.password.newMissing')
    : problem?.kind === 'mismatch' ? t('account.password.mismatch')
      : problem?.kind === 'refused' ? problem.message : null;

  return (
    <form className="form" onSubmit={handleSubmit} noValidate data-testid="choose-password-form" aria-describedby={problem ? alertId : undefined}>
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('account.password.new')}</label>
        <input
          id={`${id}-password`}
          ref={passwordInput}
          type="password"
          autoComplete="new-password"
          maxLength={256}
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={fieldProblem ? true : undefined}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="field-hint">
          {t('account.password.newHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirmation`}>{t('account.password.confirmation')}</label>
        <input
          id={`${id}-confirmation`}
          type="password"
          autoComplete="new-password"
          maxLength={256}
          required
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
      </div>
      {fieldProblem ? <ErrorAlert id={alertId}>{fieldProblem}</ErrorAlert> : null}
      {problem?.kind === 'server' ? <GraphqlErrorAlert id={alertId} error={problem.error} /> : null}
      <button type="submit" className="button button-primary" disabled={saving || signingIn}>
        {saving || signingIn ? t('choosePassword.submitting') : t('choosePassword.submit')}
      </button>
    </form>
  );
}
