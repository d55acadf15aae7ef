import { useState, type FormEvent } from 'react';
import { formText } from '../../shared/form-text.js';
import { formatDate } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays } from '../../../../shared/paris-time.js';
import { ErrorAlert } from '../../shared/ui/error-alert.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { FinanceErrorAlert } from './finance-error-alert.js';
import type { Period } from './finance-types.js';
import { useOpenPeriodMutation } from './open-period-mutation.js';

type Range = { from: string; to: string };

/** The latest closed period that begins after `range`: opening before it writes into books already closed. */
function closedPeriodAfter(periods: readonly Period[], range: Range): Period | undefined {
  return periods
    .filter((period) => period.status === 'CLOSED' && period.from >= range.to)
    .sort((left, right) => right.from.localeCompare(left.from))[0];
}

/**
 * Opens a period, says so once it is open, and asks first when a later period is already closed:
 * entries dated before closed books are allowed (a forgotten month), never silently.
 */
export function OpenPeriodForm({ periods, periodHref, onOpened }: { periods: readonly Period[]; periodHref: (id: string) => string; onOpened: () => void }) {
  const { t, locale } = useI18n();
  const [result, openPeriod] = useOpenPeriodMutation();
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState<{ range: Range; closedAfter: Period } | null>(null);
  const [opened, setOpened] = useState<{ id: string; range: Range } | null>(null);
  const dates = (range: Range) => ({ from: formatDate(range.from, locale), to: formatDate(addDays(range.to, -1), locale) });

  const open = async (range: Range, form?: HTMLFormElement) => {
    setPending(null);
    const answer = await openPeriod({ input: range });
    if (answer.error || !answer.data) return;
    setOpened({ id: answer.data.openPeriod.id, range });
    form?.reset();
    onOpened();
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const from = formText(data, 'from');
    const last = formText(data, 'last');
    if (!from || !last || last < from) return setProblem(t('finance.periods.badRange'));
    setProblem(null);
    setOpened(null);
    const range = { from, to: addDays(last, 1) };
    const closedAfter = closedPeriodAfter(periods, range);
    if (closedAfter) return setPending({ range, closedAfter });
    await open(range, event.currentTarget);
  };

  return (
    <form className="form card" onSubmit={submit} noValidate>
      <h3>{t('finance.periods.open')}</h3>
      {problem ? <ErrorAlert><p>{problem}</p></ErrorAlert> : null}
      {!problem && result.error ? <FinanceErrorAlert error={result.error} /> : null}
      <div className="field-row">
        <label className="field"><span>{t('finance.periods.from')}</span><input type="date" name="from" required /></label>
        <label className="field"><span>{t('finance.periods.last')}</span><input type="date" name="last" required /></label>
      </div>
      {pending ? (
        <div className="confirm-box" role="group" aria-labelledby="open-before-closed">
          <p id="open-before-closed"><strong>{t('finance.periods.beforeClosed', dates(pending.closedAfter))}</strong></p>
          <p>{t('finance.periods.beforeClosedMeaning')}</p>
          <div className="form-actions">
            {/* The way out first, then the action, as in FormActions; not a submit: the form's own submit asked first. */}
            <button type="button" className="button" onClick={() => setPending(null)}>{t('finance.cancel')}</button>
            <button type="button" className="button button-primary" onClick={() => void open(pending.range)} disabled={result.fetching}>{t('finance.periods.openAnyway')}</button>
          </div>
        </div>
      ) : (
        <div className="form-actions"><button type="submit" className="button button-primary" disabled={result.fetching}>{t('finance.periods.submit')}</button></div>
      )}
      {opened ? (
        <StatusMessage tone="success">
          {t('finance.periods.opened', dates(opened.range))} <a href={periodHref(opened.id)}>{t('finance.periods.goTo')}</a>
        </StatusMessage>
      ) : null}
    </form>
  );
}
