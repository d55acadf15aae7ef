import { useEffect, useRef, useState, type FormEvent, type MouseEvent, type ReactNode } from 'react';
import { formText } from '../../shared/form-text.js';
import { formatDate, formatMoneyCents } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert } from '../../shared/ui/error-alert.js';
import { FormActions } from '../../shared/ui/form-actions.js';
import { useReturnFocus } from '../../shared/ui/return-focus.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { FinanceErrorAlert } from './finance-error-alert.js';
import type { CostPool, NamedRef, PaymentDirection, Period } from './finance-types.js';
import { EntryForm, useEntryForm } from './period-entry-form.js';
import type { CostEntry, PaymentEntry } from './period-ledger-query.js';
import { useRecordCostMutation } from './record-cost-mutation.js';
import { useRecordPaymentMutation } from './record-payment-mutation.js';
import { useReverseCostMutation } from './reverse-cost-mutation.js';
import { useReversePaymentMutation } from './reverse-payment-mutation.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

interface SectionProps {
  period: Period;
  canWrite: boolean;
  onChanged: () => void;
}

export function CostsSection({ costs, pools, period, canWrite, onChanged }: SectionProps & { costs: CostEntry[]; pools: CostPool[] }) {
  const { t } = useI18n();
  const rows = costs.map((cost): EntryRow => ({
    id: cost.id,
    date: cost.incurredOn,
    heading: cost.label,
    middle: cost.pool.name,
    reference: cost.reference,
    amountCents: cost.amountCents,
    reversal: cost.reversal,
    reverseLabel: t('finance.reverse.costLabel', { label: cost.label }),
  }));
  return (
    <EntriesSection kind="cost" rows={rows} columns={{ heading: t('finance.column.label'), middle: t('finance.column.pool') }} canWrite={canWrite} onChanged={onChanged}>
      {canWrite && period.status === 'OPEN' ? <RecordCostForm pools={pools} period={period} onRecorded={onChanged} /> : null}
    </EntriesSection>
  );
}

export function PaymentsSection({ payments, members, period, canWrite, onChanged }: SectionProps & { payments: PaymentEntry[]; members: NamedRef[] }) {
  const { t } = useI18n();
  const rows = payments.map((payment): EntryRow => ({
    id: payment.id,
    date: payment.paidOn,
    heading: payment.member.name,
    middle: t(`finance.direction.${payment.direction}`),
    reference: payment.reference,
    amountCents: payment.amountCents,
    reversal: payment.reversal,
    reverseLabel: t('finance.reverse.paymentLabel', { member: payment.member.name }),
  }));
  return (
    <EntriesSection kind="payment" rows={rows} columns={{ heading: t('finance.column.member'), middle: t('finance.column.direction') }} canWrite={canWrite} onChanged={onChanged}>
      {canWrite && period.status === 'OPEN' ? <RecordPaymentForm members={members} period={period} onRecorded={onChanged} /> : null}
    </EntriesSection>
  );
}

/** What a cost and a payment show alike in their tables: a dated, referenced amount that can be reversed with a reason. */
interface EntryRow {
  id: string;
  date: string;
  /** The row's heading: a cost's label, a payment's structure. */
  heading: string;
  /** The column between the heading and the reference: a cost's pool, a payment's direction. */
  middle: string;
  reference: string | null | undefined;
  amountCents: number;
  reversal: { reason: string; reversedOn: string } | null | undefined;
  /** The reverse button's accessible name, which says which entry it reverses. */
  reverseLabel: string;
}

/** The words that tell the costs' section from the payments'. */
const SECTION_TEXTS = {
  cost: { title: 'finance.costs.title', empty: 'finance.costs.empty', reversed: 'finance.reverse.costDone', tableTestId: 'costs-table' },
  payment: { title: 'finance.payments.title', empty: 'finance.payments.empty', reversed: 'finance.reverse.paymentDone', tableTestId: undefined },
} as const;

interface EntriesSectionProps {
  kind: 'cost' | 'payment';
  rows: EntryRow[];
  /** The headers of the row's heading column and of its middle column. */
  columns: { heading: string; middle: string };
  canWrite: boolean;
  onChanged: () => void;
  /** The form that records another entry, when there is one. */
  children: ReactNode;
}

/** A period's costs or payments: their table, the reversal of one of them, then the form for another. */
function EntriesSection({ kind, rows, columns, canWrite, onChanged, children }: EntriesSectionProps) {
  const { t } = useI18n();
  const [reversing, setReversing] = useState<string | null>(null);
  const [reversed, setReversed] = useState(false);
  const focus = useReturnFocus();
  const texts = SECTION_TEXTS[kind];
  const headingId = `${kind}s-heading`;
  const onReverse = (id: string, event: MouseEvent<HTMLButtonElement>) => {
    focus.remember(event);
    setReversed(false);
    setReversing(id);
  };
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(texts.title)}</h2>
      {rows.length === 0 ? <p className="muted">{t(texts.empty)}</p> : (
        <EntriesTable caption={t(texts.title)} testId={texts.tableTestId} rows={rows} columns={columns} onReverse={canWrite ? onReverse : null} />
      )}
      {reversing ? <ReverseForm kind={kind} id={reversing} onDone={() => { setReversing(null); setReversed(true); onChanged(); }} onCancel={() => { setReversing(null); focus.giveBack(); }} /> : null}
      {reversed ? <StatusMessage tone="success" takeFocus>{t(texts.reversed)}</StatusMessage> : null}
      {children}
    </section>
  );
}

interface EntriesTableProps {
  caption: string;
  testId: string | undefined;
  rows: EntryRow[];
  columns: { heading: string; middle: string };
  /** Null for a reader who may not reverse: no row then has a button. */
  onReverse: ((id: string, event: MouseEvent<HTMLButtonElement>) => void) | null;
}

function EntriesTable({ caption, testId, rows, columns, onReverse }: EntriesTableProps) {
  const { t, locale } = useI18n();
  const date = t('finance.column.date');
  const reference = t('finance.column.reference');
  const amount = t('finance.column.amount');
  return (
    <TableScroll label={caption}>
      <table className="table table-stack" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{date}</th>
            <th scope="col">{columns.heading}</th>
            <th scope="col">{columns.middle}</th>
            <th scope="col">{reference}</th>
            <th scope="col" className="numeric">{amount}</th>
            <th scope="col"><span className="visually-hidden">{t('finance.column.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label={date}>{formatDate(row.date, locale)}</td>
              <th scope="row" data-label={columns.heading}>
                {row.heading}
                {row.reversal ? <span className="status-reason"> {t('finance.reversed', { reason: row.reversal.reason, date: formatDate(row.reversal.reversedOn, locale) })}</span> : null}
              </th>
              <td data-label={columns.middle}>{row.middle}</td>
              <td data-label={reference}>{row.reference ?? '—'}</td>
              <td className="numeric" data-label={amount}>{formatMoneyCents(row.amountCents, locale)}</td>
              <td className="actions">
                {onReverse && !row.reversal ? (
                  <button type="button" className="button button-small button-quiet" onClick={(event) => onReverse(row.id, event)} aria-label={row.reverseLabel}>
                    {t('finance.reverse.button')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function RecordCostForm({ pools, period, onRecorded }: { pools: CostPool[]; period: Period; onRecorded: () => void }) {
  const { t } = useI18n();
  const [result, record] = useRecordCostMutation();
  const entry = useEntryForm(period, { date: 'incurredOn', required: ['label', 'poolId'] }, onRecorded, ({ data, amountCents, date, reference }) =>
    record({ input: { poolId: formText(data, 'poolId'), amountCents, incurredOn: date, label: formText(data, 'label').trim(), ...reference } }));
  return (
    <EntryForm
      entry={entry} result={result} period={period} testId="record-cost-form"
      texts={{ title: t('finance.costs.record'), reference: t('finance.costs.reference'), submit: t('finance.costs.submit'), recorded: t('finance.costs.recorded') }}
      choice={{ name: 'poolId', label: t('finance.column.pool'), choices: pools }}
    >
      <label className="field">
        <span>{t('finance.column.label')}</span>
        <input name="label" required />
      </label>
    </EntryForm>
  );
}

function RecordPaymentForm({ members, period, onRecorded }: { members: NamedRef[]; period: Period; onRecorded: () => void }) {
  const { t } = useI18n();
  const [result, record] = useRecordPaymentMutation();
  const entry = useEntryForm(period, { date: 'paidOn', required: ['memberId'] }, onRecorded, ({ data, amountCents, date, reference }) => {
    const direction = formText(data, 'direction', 'FROM_MEMBER') as PaymentDirection;
    return record({ input: { memberId: formText(data, 'memberId'), amountCents, paidOn: date, direction, ...reference } });
  });
  return (
    <EntryForm
      entry={entry} result={result} period={period}
      texts={{ title: t('finance.payments.record'), reference: t('finance.column.reference'), submit: t('finance.payments.submit'), recorded: t('finance.payments.recorded') }}
      choice={{ name: 'memberId', label: t('finance.column.member'), choices: members }}
    >
      <label className="field">
        <span>{t('finance.column.direction')}</span>
        <select name="direction" defaultValue="FROM_MEMBER">
          <option value="FROM_MEMBER">{t('finance.direction.FROM_MEMBER')}</option>
          <option value="TO_MEMBER">{t('finance.direction.TO_MEMBER')}</option>
        </select>
      </label>
    </EntryForm>
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
      <FormActions
        cancelLabel={t('finance.cancel')} onCancel={onCancel}
        submitLabel={t('finance.reverse.confirm')} busyLabel={t('finance.reverse.reversing')} tone="danger" busy={result.fetching}
      />
    </form>
  );
}
