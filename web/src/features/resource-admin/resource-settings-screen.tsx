import { useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { graphql } from '../../shared/generated/index.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading, StatusMessage } from '../../shared/ui/status-message.js';
import { useAdminResourceQuery, type AdminResource } from './admin-resource-query.js';
import { BookingSettingsEditor } from './booking-settings-editor.js';
import { buildSettings, settingsForm, type BookingSettingsForm, type SettingsProblem } from './booking-settings-form.js';
import { useChangeBookingSettingsMutation } from './change-booking-settings-mutation.js';
import { ProblemsSummary } from './settings-problems.js';

/** What identifies a resource, and the booking settings this page edits. */
export const AdminResourceFragment = graphql(`
  fragment AdminResource on Resource {
    id
    name
    kind
    capacity
    hourlyRateCents
    owner { id name }
    site { id name }
    openingHours { weekday opens closes }
    rules { ...BookingRulesFields }
    closures { from to reason }
  }
`);

export interface ResourceSettingsScreenProps {
  resourceId: string;
  resourceHref: (resourceId: string) => string;
  resourcesHref: string;
}

/** The coordination's page for a resource's opening hours, booking rules and closures. */
export function ResourceSettingsScreen({ resourceId, resourceHref, resourcesHref }: ResourceSettingsScreenProps) {
  const { t } = useI18n();
  const [{ data, error, fetching }] = useAdminResourceQuery(resourceId);
  const resource = data?.resource;
  return (
    <>
      <p className="breadcrumb">
        <a href={resource ? resourceHref(resource.id) : resourcesHref}>
          <span aria-hidden="true">←</span>
          {resource ? resource.name : t('week.back')}
        </a>
      </p>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {!resource && fetching ? <Loading /> : null}
      {!resource && data ? <h1>{t('week.resourceNotFound')}</h1> : null}
      {resource ? <SettingsForm key={resource.id} resource={resource} resourceHref={resourceHref} /> : null}
    </>
  );
}

function SettingsForm({ resource, resourceHref }: { resource: AdminResource; resourceHref: (resourceId: string) => string }) {
  const { t } = useI18n();
  const [form, setForm] = useState<BookingSettingsForm>(() => settingsForm(resource));
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, changeSettings] = useChangeBookingSettingsMutation();
  const errorId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    const request = buildSettings(form);
    if (!request.ok) {
      setProblems(request.problems);
      return;
    }
    setProblems([]);
    const result = await changeSettings({ resourceId: resource.id, input: request.settings });
    if (result.error) setFailure(result.error);
    else setSaved(true);
  }

  return (
    <form className="form settings-form" onSubmit={handleSubmit} noValidate data-testid="settings-form" aria-describedby={problems.length > 0 || failure ? errorId : undefined}>
      <header className="page-header">
        <h1>{t('settings.title', { resource: resource.name })}</h1>
        <p className="muted">{t('settings.intro')}</p>
      </header>
      <BookingSettingsEditor
        form={form}
        onChange={(update) => {
          setSaved(false);
          setForm(update);
        }}
        problems={problems}
      />
      <ProblemsSummary id={errorId} messages={problems.map((problem) => t(problem.message, problem.params))} />
      {failure ? <GraphqlErrorAlert id={errorId} error={failure} /> : null}
      {saved ? (
        <StatusMessage tone="success">
          {t('settings.saved')} <a href={resourceHref(resource.id)}>{t('settings.backToCalendar')}</a>
        </StatusMessage>
      ) : null}
      <div className="form-actions form-actions-start">
        <button type="submit" className="button button-primary" disabled={fetching}>
          {fetching ? t('settings.saving') : t('settings.save')}
        </button>
      </div>
    </form>
  );
}
