import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { useRequestPasswordResetMutation } from './password-link-operations.js';

/**
 * « Mot de passe oublié ? »: asks for a reset link. The answer is the same whether or not an
 * account has the address, so the page says so rather than « mail sent ».
 */
export function ForgotPasswordForm({ initialEmail }: { initialEmail: string }) {
  const { t } = useI18n();
  const id = useId();
  const [email, setEmail] = useState(initialEmail);
  const [missing, setMissing] = useState(false);
  const [requested, setRequested] = useState(false);
  const [{ fetching, error }, requestPasswordReset] = useRequestPasswordResetMutation();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMissing(email.trim() === '');
    if (email.trim() === '') return;
    const result = await requestPasswordReset({ email: email.trim() });
    setRequested(Boolean(result.data?.requestPasswordReset));
  }

  return (
    <section aria-labelledby={`${id}-title`} className="forgot-password">
      <h2 id={`${id}-title`}>{t('forgotPassword.title')}</h2>
      <p className="muted">{t('forgotPassword.intro')}</p>
      <form className="form" onSubmit={handleSubmit} noValidate data-testid="forgot-password-form">
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('login.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        {missing ? <ErrorAlert>{t('forgotPassword.missingEmail')}</ErrorAlert> : null}
        {error ? <GraphqlErrorAlert error={error} /> : null}
        {requested ? <StatusMessage tone="success">{t('forgotPassword.requested')}</StatusMessage> : null}
        <button type="submit" className="button" disabled={fetching}>
          {fetching ? t('forgotPassword.submitting') : t('forgotPassword.submit')}
        </button>
      </form>
    </section>
  );
}
