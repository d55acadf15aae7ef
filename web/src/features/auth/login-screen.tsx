import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import { type LoginFailure, loginFailureOf } from './login-failure.js';
import { useLoginMutation } from './login-mutation.js';
import { ForgotPasswordForm } from './forgot-password-form.js';

export type LoginNotice = 'sessionExpired' | 'loggedOut';

export interface LoginScreenProps {
  notice: LoginNotice | null;
  onLoggedIn: (token: string, user: Viewer) => void;
}

export function LoginScreen({ notice, onLoggedIn }: LoginScreenProps) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<LoginFailure<CombinedError> | null>(null);
  const [forgotten, setForgotten] = useState(false);
  const [{ fetching }, login] = useLoginMutation();
  const errorId = useId();

  useEffect(() => {
    document.title = t('app.documentTitle', { page: t('login.title') });
  }, [t]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (email.trim() === '' || password === '') {
      setFailure({ kind: 'missingFields' });
      return;
    }
    setFailure(null);
    const result = await login({ email: email.trim(), password });
    if (result.data?.login) {
      onLoggedIn(result.data.login.token, result.data.login.user);
      return;
    }
    setFailure(loginFailureOf(result.error));
  }

  return (
    <main id="main" className="login-page" tabIndex={-1}>
      <div className="login-card">
        <p className="brand brand-large" aria-hidden="true">
          {t('app.name')}
        </p>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {notice && !failure ? (
          <StatusMessage>{notice === 'sessionExpired' ? t('login.sessionExpired') : t('login.loggedOut')}</StatusMessage>
        ) : null}
        <form className="form" onSubmit={handleSubmit} noValidate data-testid="login-form" aria-describedby={failure ? errorId : undefined}>
          <CredentialFields email={email} password={password} onEmail={setEmail} onPassword={setPassword} />
          {failure ? <LoginFailureAlert id={errorId} failure={failure} /> : null}
          <button type="submit" className="button button-primary" disabled={fetching}>
            {fetching ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        {forgotten ? (
          <ForgotPasswordForm initialEmail={email.trim()} />
        ) : (
          <p>
            <button type="button" className="button-link" onClick={() => setForgotten(true)}>
              {t('forgotPassword.open')}
            </button>
          </p>
        )}
      </div>
    </main>
  );
}

function LoginFailureAlert({ id, failure }: { id: string; failure: LoginFailure<CombinedError> }) {
  const { t } = useI18n();
  switch (failure.kind) {
    case 'missingFields':
      return <ErrorAlert id={id}>{t('login.missingFields')}</ErrorAlert>;
    case 'invalidCredentials':
      return <ErrorAlert id={id}>{t('login.invalidCredentials')}</ErrorAlert>;
    case 'rateLimited':
      return <ErrorAlert id={id}>{failure.serverMessage ?? t('login.rateLimited', { seconds: failure.retryAfterSeconds ?? 60 })}</ErrorAlert>;
    case 'server':
      return <GraphqlErrorAlert id={id} error={failure.error} />;
  }
}

interface CredentialFieldsProps {
  email: string;
  password: string;
  onEmail: (email: string) => void;
  onPassword: (password: string) => void;
}

function CredentialFields({ email, password, onEmail, onPassword }: CredentialFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor="login-email">{t('login.email')}</label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          autoFocus
          value={email}
          onChange={(event) => onEmail(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => onPassword(event.target.value)}
        />
      </div>
    </>
  );
}
