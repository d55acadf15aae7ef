import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formText } from '../../shared/form-text.js';
import { formatDate, formatMoneyCents } from '../../shared/format.js';
import { type I18n, useI18n } from '../../shared/i18n/i18n.js';
import { addDays, isInPeriod } from '../../../../shared/paris-time.js';
import { ErrorAlert } from '../../shared/ui/error-alert.js';
import { useReturnFocus } from '../../shared/ui/return-focus.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { FinanceErrorAlert } from './finance-error-alert.js';
import type { CostPool, NamedRef, PaymentDirection, Period } from './finance-types.js';
import { MAX_AMOUNT_CENTS, parseEurosToCents } from '../../../../shared/money.js';
import type { CostEntry, PaymentEntry } from './period-ledger-query.js';
import { useRecordCostMutation } from './record-cost-mutation.js';
import { useRecordPaymentMutation } from './record-payment-mutation.js';
import { useReverseCostMutation } from './reverse-cost-mutation.js';
import { useReversePaymentMutation } from './reverse-payment-mutation.js';

interface SectionProps {
  period: Period;
  canWrite: boolean;
  onChanged: () => void;
}

export function CostsSection({ costs, pools, period, canWrite, onChanged }: SectionProps & { costs: CostEntry[]; pools: CostPool[] }) {
  const { t, locale } = useI18n();
  const [reversing, setReversing] = useState<string | null>(null);
  const [reversed, setReversed] = useState(false);
  const focus = useReturnFocus();
  const open = period.status === 'OPEN';
  return (
    <section className="settings-section" aria-labelledby="costs-heading">
      <h2 id="costs-heading">{t('finance.costs.title')}</h2>
      {costs.length === 0 ? <p className="muted">{t('finance.costs.empty')}</p> : (
        <div className="table-wrapper">
          <table className="table table-stack" data-testid="costs-table">
            <caption className="visually-hidden">{t('finance.costs.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('finance.column.date')}</th>
                <th scope="col">{t('finance.column.label')}</th>
                <th scope="col">{t('finance.column.pool')}</th>
                <th scope="col">{t('finance.column.reference')}</th>
                <th scope="col" className="numeric">{t('finance.column.amount')}</th>
                <th scope="col"><span className="visually-hidden">{t('finance.column.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {costs.map((cost) => (
                <tr key={cost.id}>
                  <td data-label={t('finance.column.date')}>{formatDate(cost.incurredOn, locale)}</td>
                  <th scope="row" data-label={t('finance.column.label')}>
                    {cost.label}
                    {cost.reversal ? <span className="status-reason"> {t('finance.reversed', { reason: cost.reversal.reason, date: formatDate(cost.reversal.reversedOn, locale) })}</span> : null}
                  </th>
                  <td data-label={t('finance.column.pool')}>{cost.pool.name}</td>
                  <td data-label={t('finance.column.reference')}>{cost.reference ?? '—'}</td>
                  <td className="numeric" data-label={t('finance.column.amount')}>{formatMoneyCents(cost.amountCents, locale)}</td>
                  <td className="actions">
                    {canWrite && !cost.reversal ? (
                      <button type="button" className="button button-small button-quiet"
                        onClick={(event) => { focus.remember(event); setReversed(false); setReversing(cost.id); }}
                        aria-label={t('finance.reverse.costLabel', { label: cost.label })}>
                        {t('finance.reverse.button')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {reversing ? <ReverseForm kind="cost" id={reversing} onDone={() => { setReversing(null); setReversed(true); onChanged(); }} onCancel={() => { setReversing(null); focus.giveBack(); }} /> : null}
      {reversed ? <StatusMessage tone="success" takeFocus>{t('finance.reverse.costDone')}</StatusMessage> : null}
      {canWrite && open ? <RecordCostForm pools={pools} period={period} onRecorded={onChanged} /> : null}
    </section>
  );
}

function RecordCostForm({ pools, period, onRecorded }: { pools: CostPool[]; period: Period; onRecorded: () => void }) {
  const { t, locale } = useI18n();
  const [result, record] = useRecordCostMutation();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const amountCents = parseEurosToCents(formText(data, 'amount'));
    const label = formText(data, 'label').trim();
    const poolId = formText(data, 'poolId');
    const incurredOn = formText(data, 'incurredOn');
    setDone(false);
    if (amountCents === undefined || amountCents === 0) return setProblem(t('finance.costs.badAmount', { max: formatMoneyCents(MAX_AMOUNT_CENTS, locale) }));
    if (!label || !poolId || !incurredOn) return setProblem(t('finance.form.missing'));
    if (!isInPeriod(incurredOn, period)) return setProblem(outsidePeriod(period, { t, locale }));
    setProblem(null);
    const reference = formText(data, 'reference').trim();
    const answer = await record({ input: { poolId, amountCents, incurredOn, label, ...(reference ? { reference } : {}) } });
    if (!answer.error) {
      form.reset();
      setDone(true);
      onRecorded();
    }
  };
  return (
    <form className="form card" onSubmit={submit} data-testid="record-cost-form" noValidate>
      <h3>{t('finance.costs.record')}</h3>
      {problem ? <ErrorAlert><p>{problem}</p></ErrorAlert> : null}
      {!problem && result.error ? <FinanceErrorAlert error={result.error} /> : null}
      <div className="field-row">
        <DateInPeriodField name="incurredOn" period={period} />
        <ChoiceField name="poolId" label={t('finance.column.pool')} choices={pools} />
      </div>
      <label className="field">
        <span>{t('finance.column.label')}</span>
        <input name="label" required />
      </label>
      <ReferenceAndAmountFields referenceLabel={t('finance.costs.reference')} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={result.fetching}>{t('finance.costs.submit')}</button>
      </div>
      {done ? <StatusMessage tone="success">{t('finance.costs.recorded')}</StatusMessage> : null}
    </form>
  );
}

export function PaymentsSection({ payments, members, period, canWrite, onChanged }: SectionProps & { payments: PaymentEntry[]; members: NamedRef[] }) {
  const { t, locale } = useI18n();
  const [reversing, setReversing] = useState<string | null>(null);
  const [reversed, setReversed] = useState(false);
  const focus = useReturnFocus();
  return (
    <section className="settings-section" aria-labelledby="payments-heading">
      <h2 id="payments-heading">{t('finance.payments.title')}</h2>
      {payments.length === 0 ? <p className="muted">{t('finance.payments.empty')}</p> : (
        <div className="table-wrapper">
          <table className="table table-stack">
            <caption className="visually-hidden">{t('finance.payments.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('finance.column.date')}</th>
                <th scope="col">{t('finance.column.member')}</th>
                <th scope="col">{t('finance.column.direction')}</th>
                <th scope="col">{t('finance.column.reference')}</th>
                <th scope="col" className="numeric">{t('finance.column.amount')}</th>
                <th scope="col"><span className="visually-hidden">{t('finance.column.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {payments.map((payment) => (
                <tr key={payment.id}>
                  <td data-label={t('finance.column.date')}>{formatDate(payment.paidOn, locale)}</td>
                  <th scope="row" data-label={t('finance.column.member')}>
                    {payment.member.name}
                    {payment.reversal ? <span className="status-reason"> {t('finance.reversed', { reason: payment.reversal.reason, date: formatDate(payment.reversal.reversedOn, locale) })}</span> : null}
                  </th>
                  <td data-label={t('finance.column.direction')}>{t(`finance.direction.${payment.direction}`)}</td>
                  <td data-label={t('finance.column.reference')}>{payment.reference ?? '—'}</td>
                  <td className="numeric" data-label={t('finance.column.amount')}>{formatMoneyCents(payment.amountCents, locale)}</td>
                  <td className="actions">
                    {canWrite && !payment.reversal ? (
                      <button type="button" className="button button-small button-quiet"
                        onClick={(event) => { focus.remember(event); setReversed(false); setReversing(payment.id); }}
                        aria-label={t('finance.reverse.paymentLabel', { member: payment.member.name })}>
                        {t('finance.reverse.button')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {reversing ? <ReverseForm kind="payment" id={reversing} onDone={() => { setReversing(null); setReversed(true); onChanged(); }} onCancel={() => { setReversing(null); focus.giveBack(); }} /> : null}
      {reversed ? <StatusMessage tone="success" takeFocus>{t('finance.reverse.paymentDone')}</StatusMessage> : null}
      {canWrite && period.status === 'OPEN' ? <RecordPaymentForm members={members} period={period} onRecorded={onChanged} /> : null}
    </section>
  );
}

function RecordPaymentForm({ members, period, onRecorded }: { members: NamedRef[]; period: Period; onRecorded: () => void }) {
  const { t, locale } = useI18n();
  const [result, record] = useRecordPaymentMutation();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const amountCents = parseEurosToCents(formText(data, 'amount'));
    const memberId = formText(data, 'memberId');
    const paidOn = formText(data, 'paidOn');
    const direction = formText(data, 'direction', 'FROM_MEMBER') as PaymentDirection;
    setDone(false);
    if (amountCents === undefined || amountCents === 0) return setProblem(t('finance.costs.badAmount', { max: formatMoneyCents(MAX_AMOUNT_CENTS, locale) }));
    if (!memberId || !paidOn) return setProblem(t('finance.form.missing'));
    if (!isInPeriod(paidOn, period)) return setProblem(outsidePeriod(period, { t, locale }));
    setProblem(null);
    const reference = formText(data, 'reference').trim();
    const answer = await record({ input: { memberId, amountCents, paidOn, direction, ...(reference ? { reference } : {}) } });
    if (!answer.error) {
      form.reset();
      setDone(true);
      onRecorded();
    }
  };
  return (
    <form className="form card" onSubmit={submit} noValidate>
      <h3>{t('finance.payments.record')}</h3>
      {problem ? <ErrorAlert><p>{problem}</p></ErrorAlert> : null}
      {!problem && result.error ? <FinanceErrorAlert error={result.error} /> : null}
      <div className="field-row">
        <DateInPeriodField name="paidOn" period={period} />
        <ChoiceField name="memberId" label={t('finance.column.member')} choices={members} />
      </div>
      <label className="field">
        <span>{t('finance.column.direction')}</span>
        <select name="direction" defaultValue="FROM_MEMBER">
          <option value="FROM_MEMBER">{t('finance.direction.FROM_MEMBER')}</option>
          <option value="TO_MEMBER">{t('finance.direction.TO_MEMBER')}</option>
        </select>
      </label>
      <ReferenceAndAmountFields referenceLabel={t('finance.column.reference')} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={result.fetching}>{t('finance.payments.submit')}</button>
      </div>
      {done ? <StatusMessage tone="success">{t('finance.payments.recorded')}</StatusMessage> : null}
    </form>
  );
}

function ReverseForm({ kind, id, onDone, onCancel }: { kind: 'cost' | 'payment'; id: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [costResult, reverseCost] = useReverseCostMutation();
  const [paymentResult, reversePayment] = useReversePaymentMutation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const reasonInput = useRef<HTMLInputElement>(null);
  const result = kind === 'cost' ? costResult : paymentResult;
  // Opened from a row of the table above: the reason is what comes next, not the rest of the table.
  useEffect(() => reasonInput.current?.focus(), [id]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') return setMissing(true);
    setMissing(false);
    const answer = kind === 'cost'
      ? await reverseCost({ input: { costId: id, reason: reason.trim() } })
      : await reversePayment({ input: { paymentId: id, reason: reason.trim() } });
    if (!answer.error) onDone();
  };
  return (
    <form className="confirm-box" onSubmit={submit} noValidate>
      <p><strong>{t(kind === 'cost' ? 'finance.reverse.costTitle' : 'finance.reverse.paymentTitle')}</strong></p>
      <p className="muted">{t('finance.reverse.help')}</p>
      {missing ? <ErrorAlert><p>{t('finance.reverse.reasonMissing')}</p></ErrorAlert> : null}
      {!missing && result.error ? <FinanceErrorAlert error={result.error} /> : null}
      <label className="field">
        <span>{t('finance.reverse.reason')}</span>
        <input ref={reasonInput} value={reason} onChange={(event) => setReason(event.target.value)} required aria-required="true" />
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-danger" disabled={result.fetching}>{t('finance.reverse.confirm')}</button>
        <button type="button" className="button button-quiet" onClick={onCancel}>{t('finance.cancel')}</button>
      </div>
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
