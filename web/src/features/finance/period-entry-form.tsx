import { useState, type FormEvent, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { formText } from '../../shared/form-text.js';
import { formatDate, formatMoneyCents } from '../../shared/format.js';
import { type I18n, useI18n } from '../../shared/i18n/i18n.js';
import { addDays, isInPeriod } from '../../../../shared/paris-time.js';
import { MAX_AMOUNT_CENTS, parseEurosToCents } from '../../../../shared/money.js';
import { ErrorAlert } from '../../shared/ui/error-alert.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { FinanceErrorAlert } from './finance-error-alert.js';
import type { NamedRef, Period } from './finance-types.js';

/** What both forms read alike: the amount in cents, the business date and the reference, if any. */
export interface TypedEntry {
  data: FormData;
  amountCents: number;
  date: string;
  /** Spread into the input: a blank reference is left out rather than sent empty. */
  reference: { reference?: string };
}

export interface EntryFormState {
  /** The name of the form's date field, which the check reads. */
  dateField: string;
  problem: string | null;
  done: boolean;
  submit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
}

/**
 * Checks a form in the order the treasurer reads the refusals (the amount, then what is missing,
 * then a date outside the period), sends it, and clears it once it is recorded.
 */
export function useEntryForm(
  period: Period,
  fields: { date: string; required: string[] },
  onRecorded: () => void,
  send: (entry: TypedEntry) => Promise<{ error?: unknown }>,
): EntryFormState {
  const { t, locale } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const amountCents = parseEurosToCents(formText(data, 'amount'));
    const date = formText(data, fields.date);
    setDone(false);
    if (amountCents === undefined || amountCents === 0) return setProblem(t('finance.costs.badAmount', { max: formatMoneyCents(MAX_AMOUNT_CENTS, locale) }));
    if (fields.required.some((name) => !formText(data, name).trim()) || !date) return setProblem(t('finance.form.missing'));
    if (!isInPeriod(date, period)) return setProblem(outsidePeriod(period, { t, locale }));
    setProblem(null);
    const reference = formText(data, 'reference').trim();
    const answer = await send({ data, amountCents, date, reference: reference ? { reference } : {} });
    if (!answer.error) {
      form.reset();
      setDone(true);
      onRecorded();
    }
  };
  return { dateField: fields.date, problem, done, submit };
}

interface EntryFormProps {
  entry: EntryFormState;
  result: { fetching: boolean; error?: CombinedError | undefined };
  period: Period;
  testId?: string;
  texts: { title: string; reference: string; submit: string; recorded: string };
  /** The entry's required choice beside its date: a cost's pool, a payment's structure. */
  choice: { name: string; label: string; choices: NamedRef[] };
  /** The field that is the entry's own: a cost's label, a payment's direction. */
  children: ReactNode;
}

/** A form recording a cost or a payment: the date and a choice, the entry's own field, the reference and the amount. */
export function EntryForm({ entry, result, period, testId, texts, choice, children }: EntryFormProps) {
  return (
    <form className="form card" onSubmit={entry.submit} data-testid={testId} noValidate>
      <h3>{texts.title}</h3>
      {entry.problem ? <ErrorAlert><p>{entry.problem}</p></ErrorAlert> : null}
      {!entry.problem && result.error ? <FinanceErrorAlert error={result.error} /> : null}
      <div className="field-row">
        <DateInPeriodField name={entry.dateField} period={period} />
        <ChoiceField name={choice.name} label={choice.label} choices={choice.choices} />
      </div>
      {children}
      <ReferenceAndAmountFields referenceLabel={texts.reference} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={result.fetching}>{texts.submit}</button>
      </div>
      {entry.done ? <StatusMessage tone="success">{texts.recorded}</StatusMessage> : null}
    </form>
  );
}

/**
 * The refusal of a date outside the page's period. The server files an entry in whichever open
 * period holds its date: one dated outside would be recorded away from the page the treasurer is
 * reading, or refused in words about a closed period.
 */
function outsidePeriod(period: Period, { t, locale }: Pick<I18n, 't' | 'locale'>): string {
  return t('finance.form.dateOutsidePeriod', { from: formatDate(period.from, locale), to: formatDate(addDays(period.to, -1), locale) });
}

/** A business date, offered only within the period (its last day included). */
function DateInPeriodField({ name, period }: { name: string; period: Period }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t('finance.column.date')}</span>
      <input type="date" name={name} min={period.from} max={addDays(period.to, -1)} defaultValue={period.from} required />
    </label>
  );
}

/** A required choice among named things, none chosen at first. */
function ChoiceField({ name, label, choices }: { name: string; label: string; choices: NamedRef[] }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} required defaultValue="">
        <option value="" disabled>{t('finance.form.choose')}</option>
        {choices.map((choice) => <option key={choice.id} value={choice.id}>{choice.name}</option>)}
      </select>
    </label>
  );
}

/** The supplier's or bank's reference, and the amount typed in euros (`1 234,56`). */
function ReferenceAndAmountFields({ referenceLabel }: { referenceLabel: string }) {
  const { t } = useI18n();
  return (
    <div className="field-row">
      <label className="field">
        <span>{referenceLabel}</span>
        <input name="reference" />
      </label>
      <label className="field">
        <span>{t('finance.amountEuros')}</span>
        <input name="amount" inputMode="decimal" required placeholder="1 234,56" />
      </label>
    </div>
  );
}
