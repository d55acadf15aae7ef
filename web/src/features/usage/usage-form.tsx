import { useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { formatDayHeading } from '../../shared/format.js';
import { byFrenchName } from '../../../../shared/french-order.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useDescribeTimes } from '../../shared/slot-times.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { NamedSelect, type NamedChoice } from '../../shared/ui/named-select.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { useRecordUsageMutation, type UsageChoices } from './usage-operations.js';
import { buildRecordUsageRequest, MAX_NOTE_LENGTH, type UsageFormValues } from './usage-request.js';

export interface UsageFormProps {
  /** A member's own structure, fixed; null when the coordination chooses the structure. */
  ownMember: { id: string; name: string } | null;
  choices: UsageChoices | null;
  today: string;
  /** An entry starting on `date` was recorded. */
  onRecorded: (date: string) => void;
}

type Failure = { kind: 'problem'; message: string } | { kind: 'server'; error: CombinedError };

/** The form's fields have fixed ids: there is one usage form per page. */
function field(name: string): string {
  return `usage-${name}`;
}

/** « Saisir un usage »: a resource, a structure, a day and its times, a note. */
export function UsageForm({ ownMember, choices, today, onRecorded }: UsageFormProps) {
  const { t, locale } = useI18n();
  const describeTimes = useDescribeTimes();
  const errorId = useId();
  const blank: UsageFormValues = { resourceId: '', memberId: ownMember?.id ?? '', date: today, startTime: '', endTime: '', note: '' };
  const [values, setValues] = useState<UsageFormValues>(blank);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [{ fetching }, record] = useRecordUsageMutation();
  const set = (name: keyof UsageFormValues): FieldChange => (event) => setValues((current) => ({ ...current, [name]: event.target.value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSuccess(null);
    const request = buildRecordUsageRequest(values);
    if (!request.ok) return setFailure({ kind: 'problem', message: t(request.problem) });
    setFailure(null);
    const result = await record({ input: request.input });
    if (result.error) return setFailure({ kind: 'server', error: result.error });
    const resource = choices?.resources.find((candidate) => candidate.id === values.resourceId)?.name ?? '';
    setSuccess(t('usage.form.recorded', { resource, day: formatDayHeading(values.date, locale), times: describeTimes(request.input) }));
    // The same resource and structure often come again (a week of timesheets): only the times and the note are cleared.
    setValues((current) => ({ ...current, startTime: '', endTime: '', note: '' }));
    onRecorded(values.date);
  }

  return (
    <section className="settings-section" aria-labelledby="usage-form-heading">
      <form className="form card" onSubmit={handleSubmit} noValidate data-testid="usage-form" aria-describedby={failure ? errorId : undefined}>
        <h2 id="usage-form-heading">{t('usage.form.title')}</h2>
        <p className="muted">{t('usage.form.help')}</p>
        <div className="field-row">
          <ChoiceSelect name="resource" label={t('usage.form.resource')} placeholder={t('usage.form.resourcePlaceholder')} choices={choices?.resources ?? null} value={values.resourceId} onChange={set('resourceId')} />
          {ownMember ? (
            <div className="field">
              <label htmlFor={field('member')}>{t('usage.form.member')}</label>
              <input id={field('member')} type="text" readOnly value={ownMember.name} />
            </div>
          ) : (
            <ChoiceSelect name="member" label={t('usage.form.member')} placeholder={t('usage.form.memberPlaceholder')} choices={choices?.members ?? null} value={values.memberId} onChange={set('memberId')} />
          )}
        </div>
        <DayAndTimesFields values={values} today={today} set={set} />
        <div className="field">
          <label htmlFor={field('note')}>{t('usage.form.note')}</label>
          <input id={field('note')} type="text" maxLength={MAX_NOTE_LENGTH} aria-describedby={field('note-hint')} value={values.note} onChange={set('note')} />
          <p id={field('note-hint')} className="field-hint">{t('usage.form.noteHint')}</p>
        </div>
        {failure?.kind === 'problem' ? <ErrorAlert id={errorId}>{failure.message}</ErrorAlert> : null}
        {failure?.kind === 'server' ? <GraphqlErrorAlert id={errorId} error={failure.error} /> : null}
        {success ? <StatusMessage tone="success" takeFocus>{success}</StatusMessage> : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={fetching}>
            {fetching ? t('usage.form.submitting') : t('usage.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

type FieldChange = (event: { target: { value: string } }) => void;

/** The day, today at the latest, and the start and end times, to the minute. */
function DayAndTimesFields({ values, today, set }: { values: UsageFormValues; today: string; set: (name: keyof UsageFormValues) => FieldChange }) {
  const { t } = useI18n();
  return (
    <div className="field-row">
      <div className="field">
        <label htmlFor={field('date')}>{t('usage.form.date')}</label>
        <input id={field('date')} type="date" required max={today} value={values.date} onChange={set('date')} />
      </div>
      <div className="field">
        <label htmlFor={field('start')}>{t('usage.form.start')}</label>
        <input id={field('start')} type="time" required step={60} value={values.startTime} onChange={set('startTime')} />
      </div>
      <div className="field">
        <label htmlFor={field('end')}>{t('usage.form.end')}</label>
        <input id={field('end')} type="time" required step={60} value={values.endTime} onChange={set('endTime')} />
      </div>
    </div>
  );
}

interface ChoiceSelectProps {
  name: string;
  label: string;
  placeholder: string;
  /** Null while the choices load. */
  choices: readonly NamedChoice[] | null;
  value: string;
  onChange: FieldChange;
}

function ChoiceSelect({ name, label, placeholder, choices, value, onChange }: ChoiceSelectProps) {
  const { t } = useI18n();
  return (
    <NamedSelect
      id={field(name)}
      label={label}
      emptyOption={choices === null ? t('app.loading') : placeholder}
      choices={byFrenchName(choices ?? [])}
      value={value}
      onChange={onChange}
      required
      disabled={choices === null}
    />
  );
}
