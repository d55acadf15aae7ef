import { useState, type FormEvent } from 'react';
import { DownloadLink } from '../../shared/ui/download-link.js';
import { formatDate, formatMoneyCents, formatParisDateTime } from '../../shared/format.js';
import { compareFrench } from '../../../../shared/french-order.js';
import { graphql } from '../../shared/generated/index.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays } from '../../../../shared/paris-time.js';
import { BarChart } from '../../shared/ui/bar-chart.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { FormActions } from '../../shared/ui/form-actions.js';
import { Loading, StatusMessage } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import { useClosePeriodMutation } from './close-period-mutation.js';
import { FinanceErrorAlert } from './finance-error-alert.js';
import { InvoicesSection } from './invoices-section.js';
import { useFinanceOverviewQuery } from './finance-overview-query.js';
import type { Period, Settlement } from './finance-types.js';
import { usePeriodLedgerQuery } from './period-ledger-query.js';
import { CostsSection, PaymentsSection } from './period-entries.js';
import { SettlementTable } from './settlement-table.js';
import { CorrectionsWithoutCreditNote } from './corrections-without-credit-note.js';
import { VatSection } from './vat-section.js';

/** A settlement period as every finance screen lists and heads it. */
export const PeriodSummaryFragment = graphql(`
  fragment PeriodSummary on Period { id from to status closedAt digest digestEventCount }
`);

export interface PeriodScreenProps {
  viewer: Viewer;
  periodId: string;
  treasuryHref: string;
}

export function PeriodScreen({ viewer, periodId, treasuryHref }: PeriodScreenProps) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }, reexecute] = usePeriodLedgerQuery(periodId);
  const [overview] = useFinanceOverviewQuery();
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const canWrite = viewer.role === 'TREASURER';
  if (error && !data) return <GraphqlErrorAlert error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const { settlement } = data;
  const period = settlement.period;
  const open = period.status === 'OPEN';
  const range = { from: formatDate(period.from, locale), to: formatDate(addDays(period.to, -1), locale) };
  const entries = (
    <>
      <CostsSection costs={data.costs} pools={overview.data?.costPools ?? []} period={period} canWrite={canWrite} onChanged={refresh} />
      <PaymentsSection payments={data.payments} members={overview.data?.members ?? []} period={period} canWrite={canWrite} onChanged={refresh} />
    </>
  );

  return (
    <>
      <nav className="breadcrumb" aria-label={t('finance.breadcrumb')}>
        <a href={treasuryHref}>{t('nav.treasury')}</a>
      </nav>
      <header className="page-header">
        <div className="page-title-row">
          <h1>{t('finance.period.title', range)}</h1>
          <span className={open ? 'badge badge-pending' : 'badge badge-positive'}>{t(open ? 'finance.period.open' : 'finance.period.closed')}</span>
        </div>
        {!canWrite ? <p className="muted">{t('finance.readOnly')}</p> : null}
      </header>
      {period.digest ? <PeriodDigest period={period} /> : null}
      {/* While the treasurer keeps an open period's books, the entries come first: record, then check the preview, then close. */}
      {open && canWrite ? entries : null}
      <SettlementSection settlement={settlement} periodId={periodId} />
      <VatSection periodId={periodId} canWrite={canWrite} open={open} onChanged={refresh} />
      {/* Keyed on the status: the close issues the invoices, which the section then fetches afresh. */}
      <InvoicesSection key={period.status} period={period} />

      {open && canWrite ? <ClosePeriod period={period} settlement={settlement} onClosed={refresh} /> : null}
      {open && canWrite ? null : entries}
      {settlement.status === 'FROZEN' && period.closedAt ? (
        <p className="muted small">{t('finance.period.closedAt', { date: formatParisDateTime(period.closedAt, locale) })}</p>
      ) : null}
    </>
  );
}

/** The preview of an open period, or the frozen settlement of a closed one, with its charts and files. */
function SettlementSection({ settlement, periodId }: { settlement: Settlement; periodId: string }) {
  const { t } = useI18n();
  const open = settlement.period.status === 'OPEN';
  return (
    <section className="settings-section" aria-labelledby="settlement-heading">
      <h2 id="settlement-heading">{t(open ? 'finance.settlement.previewTitle' : 'finance.settlement.frozenTitle')}</h2>
      {open ? <p className="muted">{t('finance.settlement.previewIntro')}</p> : null}
      {settlement.blockers.length > 0 ? (
        <div className="notice notice-warning" data-testid="settlement-blockers">
          <p>{t('finance.settlement.blocked')}</p>
          <ul>
            {settlement.blockers.map((blocker) => (
              <li key={blocker.poolId}>{blocker.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <SettlementTotals settlement={settlement} />
      <SettlementTable lines={settlement.lines} periodId={periodId} />
      <CorrectionsWithoutCreditNote corrections={settlement.correctionsWithoutCreditNote} when={open ? 'open' : 'closed'} />
      <MoneyCharts settlement={settlement} />
      <h3>{t('finance.exports.title')}</h3>
      <p className="inline-list">
        <DownloadLink path={`/exports/settlement/${encodeURIComponent(periodId)}.csv`}>{t('finance.exports.csv')}</DownloadLink>
        <DownloadLink path={`/exports/fec/${encodeURIComponent(periodId)}`}>{t('finance.exports.fec')}</DownloadLink>
      </p>
      {open ? <p className="muted small">{t('finance.exports.fecOpenPeriod')}</p> : null}
    </section>
  );
}

function PeriodDigest({ period }: { period: Period }) {
  const { t } = useI18n();
  return (
    <div className="notice" data-testid="period-digest">
      <p>{t('finance.digest.intro', { count: period.digestEventCount ?? 0 })}</p>
      <p>
        <code className="digest">{period.digest}</code>
      </p>
      <p className="muted small">{t('finance.digest.help')}</p>
    </div>
  );
}

function SettlementTotals({ settlement }: { settlement: Settlement }) {
  const { t, locale } = useI18n();
  const totals = settlement.totals;
  if (!totals) return null;
  const money = (cents: number) => formatMoneyCents(cents, locale);
  return (
    <dl className="facts facts-wide">
      <dt>{t('finance.totals.netCosts')}</dt>
      <dd>{money(totals.netCostsCents)}</dd>
      <dt>{t('finance.totals.poolShares')}</dt>
      <dd>{money(totals.poolSharesCents)}</dd>
      <dt>{t('finance.totals.directCharges')}</dt>
      <dd>{money(totals.directChargesCents)}</dd>
      <dt>{t('finance.totals.poleIncome')}</dt>
      <dd>{money(totals.poleIncomeCents)}</dd>
      {totals.vatCents !== 0 ? (
        <>
          <dt>{t('finance.totals.vat')}</dt>
          <dd>{money(totals.vatCents)}</dd>
        </>
      ) : null}
      {totals.creditVatCents !== 0 ? (
        <>
          <dt>{t('finance.totals.creditVat')}</dt>
          <dd>{money(totals.creditVatCents)}</dd>
        </>
      ) : null}
      <dt>{t('finance.totals.balance')}</dt>
      <dd>{money(totals.balanceCents)}</dd>
    </dl>
  );
}

/** « Où va l'argent » for the period: the pools' costs as shared out, and what each member carries. */
function MoneyCharts({ settlement }: { settlement: Settlement }) {
  const { t, locale } = useI18n();
  const byPool = new Map<string, number>();
  for (const line of settlement.lines) {
    for (const share of line.poolShares) byPool.set(share.poolName, (byPool.get(share.poolName) ?? 0) + share.shareCents);
  }
  const money = (cents: number) => formatMoneyCents(cents, locale);
  return (
    <section aria-labelledby="where-money-goes">
      <h3 id="where-money-goes">{t('finance.chart.title')}</h3>
      <div className="chart-grid">
        <BarChart emptyText={t('app.chartEmpty')}
          title={t('finance.chart.byPool')}
          labelHeading={t('finance.column.pool')}
          valueHeading={t('finance.column.amount')}
          data={[...byPool].map(([label, value]) => ({ label, value }))}
          format={money}
        />
        <BarChart emptyText={t('app.chartEmpty')}
          title={t('finance.chart.byMember')}
          labelHeading={t('finance.column.member')}
          valueHeading={t('finance.column.poolAndDirect')}
          data={settlement.lines
            .map((line) => ({ label: line.member.name, value: line.poolSharesCents + line.directChargesCents }))
            // In the settlement table's order, so that a structure is found at the same place in both.
            .sort((left, right) => compareFrench(left.label, right.label))}
          format={money}
        />
      </div>
    </section>
  );
}

function ClosePeriod({ period, settlement, onClosed }: { period: Period; settlement: Settlement; onClosed: () => void }) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [result, close] = useClosePeriodMutation();
  const range = { from: formatDate(period.from, locale), to: formatDate(addDays(period.to, -1), locale) };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await close({ periodId: period.id });
    if (!answer.error) {
      setConfirming(false);
      onClosed();
    }
  };
  return (
    <section className="settings-section" aria-labelledby="close-heading">
      <h2 id="close-heading">{t('finance.close.title')}</h2>
      {result.error ? <FinanceErrorAlert error={result.error} blockedPools={settlement.blockers.map((blocker) => blocker.poolName)} /> : null}
      {settlement.closeRefusal !== null && !confirming ? (
        <p className="notice" data-testid="close-refusal">{t('finance.close.notYet', { reason: settlement.closeRefusal })}</p>
      ) : !confirming ? (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {t('finance.close.start')}
        </button>
      ) : (
        <form className="confirm-box" onSubmit={submit} aria-labelledby="close-confirm-title">
          <p id="close-confirm-title"><strong>{t('finance.close.confirmTitle', range)}</strong></p>
          <ul>
            <li>{t('finance.close.meaning1')}</li>
            <li>{t('finance.close.meaning2')}</li>
            <li>{t('finance.close.meaning3')}</li>
          </ul>
          <FormActions
            cancelLabel={t('finance.cancel')} onCancel={() => setConfirming(false)}
            submitLabel={t('finance.close.confirm')} busyLabel={t('finance.close.closing')} tone="primary" busy={result.fetching}
          />
        </form>
      )}
      {result.data && !result.error ? <StatusMessage tone="success">{t('finance.close.done')}</StatusMessage> : null}
    </section>
  );
}
