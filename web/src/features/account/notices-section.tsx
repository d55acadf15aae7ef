import { useId, useState } from 'react';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { useMyNoticesQuery, useSetNoticesEnabledMutation } from './notices-operations.js';

/** « Avis par e-mail »: one's own choice to receive the notices of what happened. */
export function NoticesSection() {
  const { t } = useI18n();
  const id = useId();
  const [{ data, error }, reexecute] = useMyNoticesQuery();
  const [{ fetching, error: saveError }, setNoticesEnabled] = useSetNoticesEnabledMutation();
  const [saved, setSaved] = useState<boolean | null>(null);
  // The box shows the choice at once, while it is being saved; a refusal puts back the stored one.
  const [choice, setChoice] = useState<boolean | null>(null);
  const enabled = choice ?? data?.me?.noticesEnabled;

  async function toggle(next: boolean) {
    setSaved(null);
    setChoice(next);
    const result = await setNoticesEnabled({ enabled: next });
    if (result.data) {
      setSaved(next);
      reexecute({ requestPolicy: 'network-only' });
    } else {
      setChoice(null);
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('account.notices.title')}</h2>
      <p className="muted">{t('account.notices.intro')}</p>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {enabled === undefined ? null : (
        <div className="checkbox-field">
          <input id={`${id}-enabled`} type="checkbox" checked={enabled} disabled={fetching} onChange={(event) => void toggle(event.target.checked)} />
          <label htmlFor={`${id}-enabled`}>{t('account.notices.enabled')}</label>
        </div>
      )}
      {saveError ? <GraphqlErrorAlert error={saveError} /> : null}
      {saved === null ? null : <StatusMessage tone="success">{t(saved ? 'account.notices.on' : 'account.notices.off')}</StatusMessage>}
    </section>
  );
}
