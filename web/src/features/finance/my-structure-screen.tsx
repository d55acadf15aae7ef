import { useState } from 'react';
import { formatDate, formatMoneyCents } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays } from '../../../../shared/paris-time.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import { useBalancesQuery } from './balances-query.js';
import { usePeriodsQuery } from './periods-query.js';
import { ChargesBreakdown } from './charges-breakdown.js';
import { invoiceToSendText } from './invoice-to-send.js';
import { StatementLinks } from './settlement-table.js';
import { useStatementQuery } from './statement-query.js';
import { CorrectionsWithoutCreditNote } from './corrections-without-credit-note.js';
import { WhyIPay } from './why-i-pay.js';

/**
 * A member structure's own figures: its balance now and its statement per period, with what the
 * pôle owes it and it must invoice the pôle (as its statement says). The API answers for it alone.
 */
export function MyStructureScreen({ viewer }: { viewer: Viewer }) {
  const { t, locale } = useI18n();
  const member = viewer.member;
  const [balances] = useBalancesQuery(null);
  const [periods] = usePeriodsQuery();
  const sorted = [...(periods.data?.periods ?? [])].sort((left, right) => right.from.localeCompare(left.from));
  const [chosen, setChosen] = useState<string | null>(null);
  // The latest closed period, whose statement is final, rather than a newer one still empty.
  const periodId = chosen ?? (sorted.find((period) => period.status === 'CLOSED') ?? sorted[0])?.id ?? null;
  if (!member) return <p>{t('finance.my.noMember')}</p>;
  const own = balances.data?.balances.find((balance) => balance.member.id === member.id);
  return (
    <>
      <header className="page-header">
        <h1>{t('finance.my.title', { member: member.name })}</h1>
        <p className="muted">{t('finance.my.intro')}</p>
      </header>
      {balances.error ? <GraphqlErrorAlert error={balances.error} /> : null}
      {own ? (
        <div className="card balance-card" data-testid="my-balance">
          <p className="muted">{t('finance.my.balance')}</p>
          <p className="balance-amount">{formatMoneyCents(Math.abs(own.balanceCents), locale)}</p>
          <p>{t(own.balanceCents > 0 ? 'finance.my.owes' : own.balanceCents < 0 ? 'finance.my.owed' : 'finance.my.settled')}</p>
          <p className="muted small">{t('finance.my.balanceHelp')}</p>
        </div>
      ) : null}
      {periods.fetching && !periods.data ? <Loading /> : null}
      {sorted.length > 0 ? (
        <label className="field field-inline">
          <span>{t('finance.my.period')}</span>
          <select value={periodId ?? ''} onChange={(event) => setChosen(event.target.value)}>
            {sorted.map((period) => (
              <option key={period.id} value={period.id}>
                {t('finance.period.title', { from: formatDate(period.from, locale), to: formatDate(addDays(period.to, -1), locale) })}
              </option>
            ))}
          </select>
        </label>
      ) : periods.data ? <p className="muted">{t('finance.periods.empty')}</p> : null}
      {periodId ? <MyStatement memberId={member.id} memberName={member.name} periodId={periodId} /> : null}
    </>
  );
}

function MyStatement({ memberId, memberName, periodId }: { memberId: string; memberName: string; periodId: string }) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }] = useStatementQuery(memberId, periodId);
  if (error) return <GraphqlErrorAlert error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const statement = data.statement;
  const money = (cents: number) => formatMoneyCents(cents, locale);
  const line = statement.line;
  return (
    <section className="settings-section" aria-labelledby="statement-heading" data-testid="my-statement">
      <h2 id="statement-heading">{t('finance.my.statement')}</h2>
      {statement.provisional ? <p className="notice">{t('finance.my.provisional')}</p> : null}
      <dl className="facts facts-wide">
        <dt>{t('finance.my.opening')}</dt><dd>{money(statement.openingBalanceCents)}</dd>
        <dt>{t('finance.column.poolShares')}</dt><dd>{money(line.poolSharesCents)}</dd>
        <dt>{t('finance.column.directCharges')}</dt><dd>{money(line.directChargesCents)}</dd>
        <dt>{t('finance.column.credits')}</dt><dd>{money(line.creditsCents)}</dd>
        <dt>{t('finance.column.paymentsMade')}</dt><dd>{money(line.paymentsMadeCents)}</dd>
        <dt>{t('finance.column.paymentsReceived')}</dt><dd>{money(line.paymentsReceivedCents)}</dd>
        <dt>{t('finance.my.closing')}</dt><dd><strong>{money(statement.closingBalanceCents)}</strong></dd>
      </dl>
      <p className="muted small">{t('finance.my.closingHelp')}</p>
      {statement.invoiceToSend ? (
        <div className="notice" data-testid="invoice-to-send">
          <h3>{t('invoices.toSend.title')}</h3>
          <p>{invoiceToSendText(statement.invoiceToSend, t, money)}</p>
        </div>
      ) : null}
      <CorrectionsWithoutCreditNote corrections={statement.correctionsWithoutCreditNote} when="mine" />
      <ChargesBreakdown line={line} />
      <h3>{t('finance.why.title')}</h3>
      <WhyIPay line={line} />
      {statement.payments.length > 0 ? (
        <>
          <h3>{t('finance.payments.title')}</h3>
          <ul>
            {statement.payments.map((payment, index) => (
              <li key={index}>{formatDate(payment.date, locale)} — {payment.label} — {money(payment.amountCents)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <StatementLinks periodId={periodId} memberId={memberId} memberName={memberName} />
    </section>
  );
}
