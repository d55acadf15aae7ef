import { DownloadLink } from '../../shared/ui/download-link.js';
import { formatMoneyCents } from '../../shared/format.js';
import { compareFrench } from '../../../../shared/french-order.js';
import { graphql } from '../../shared/generated/index.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { SettlementLine } from './finance-types.js';
import { WhyIPay } from './why-i-pay.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

/** One row per member: pool shares, direct charges, credits, payments both ways, balance; its « why » and statement below. */
/** A member's line of a settlement, with what `WhyIPay` explains it with. */
export const SettlementTableLineFragment = graphql(`
  fragment SettlementTableLine on SettlementLine {
    member { id name }
    poolSharesCents directChargesCents creditsCents paymentsMadeCents paymentsReceivedCents vatCents creditVatCents balanceCents
    poolShares { poolId poolName keyKind shareCents explanations {
      keyKind partPercent splitAmountCents weightUnit memberWeight totalWeight exactShareCents exactShareCentsDecimal
      floorCents receivedLeftoverCent roundingCentsDecimal shareCents } }
    directCharges { resource { id } resourceName itemCount usageMinutes amountCents correctedPeriod { id from to } }
    credits { resource { id } resourceName itemCount usageMinutes amountCents correctedPeriod { id from to } }
  }
`);

export function SettlementTable({ lines, periodId }: { lines: SettlementLine[]; periodId: string }) {
  const { t, locale } = useI18n();
  const money = (cents: number) => formatMoneyCents(cents, locale);
  const columns = {
    member: t('finance.column.member'),
    pools: t('finance.column.poolShares'),
    direct: t('finance.column.directCharges'),
    credits: t('finance.column.credits'),
    made: t('finance.column.paymentsMade'),
    received: t('finance.column.paymentsReceived'),
    vat: t('finance.column.vat'),
    creditVat: t('finance.column.creditVat'),
    balance: t('finance.column.balance'),
  };
  // The VAT column shows only where VAT applies: a pôle without VAT reads the table as before.
  const withVat = lines.some((line) => line.vatCents !== 0);
  const withCreditVat = lines.some((line) => line.creditVatCents !== 0);
  const sorted = [...lines].sort((left, right) => compareFrench(left.member.name, right.member.name));
  return (
    <>
      <TableScroll label={t('finance.settlement.caption')}>
        <table className="table table-stack" data-testid="settlement-table">
          <caption className="visually-hidden">{t('finance.settlement.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{columns.member}</th>
              <th scope="col" className="numeric">{columns.pools}</th>
              <th scope="col" className="numeric">{columns.direct}</th>
              <th scope="col" className="numeric">{columns.credits}</th>
              <th scope="col" className="numeric">{columns.made}</th>
              <th scope="col" className="numeric">{columns.received}</th>
              {withVat ? <th scope="col" className="numeric">{columns.vat}</th> : null}
              {withCreditVat ? <th scope="col" className="numeric">{columns.creditVat}</th> : null}
              <th scope="col" className="numeric">{columns.balance}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((line) => (
              <tr key={line.member.id}>
                <th scope="row" data-label={columns.member}>{line.member.name}</th>
                <td className="numeric" data-label={columns.pools}>{money(line.poolSharesCents)}</td>
                <td className="numeric" data-label={columns.direct}>{money(line.directChargesCents)}</td>
                <td className="numeric" data-label={columns.credits}>{money(line.creditsCents)}</td>
                <td className="numeric" data-label={columns.made}>{money(line.paymentsMadeCents)}</td>
                <td className="numeric" data-label={columns.received}>{money(line.paymentsReceivedCents)}</td>
                {withVat ? <td className="numeric" data-label={columns.vat}>{money(line.vatCents)}</td> : null}
                {withCreditVat ? <td className="numeric" data-label={columns.creditVat}>{money(line.creditVatCents)}</td> : null}
                <td className="numeric" data-label={columns.balance}><strong>{money(line.balanceCents)}</strong></td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted small">{t('finance.settlement.balanceRule')}</p>
      <h3>{t('finance.why.titleAll')}</h3>
      {sorted.map((line) => (
        <section key={line.member.id} className="card member-why" aria-label={line.member.name}>
          <h4>{line.member.name}</h4>
          <WhyIPay line={line} memberName={line.member.name} />
          <StatementLinks periodId={periodId} memberId={line.member.id} memberName={line.member.name} />
        </section>
      ))}
    </>
  );
}

export function StatementLinks({ periodId, memberId, memberName }: { periodId: string; memberId: string; memberName: string }) {
  const { t } = useI18n();
  const base = `/statements/${encodeURIComponent(periodId)}/${encodeURIComponent(memberId)}`;
  return (
    <p className="inline-list">
      <DownloadLink path={`${base}.html`} newTab aria-label={t('finance.statement.htmlLabel', { member: memberName })}>
        {t('finance.statement.html')}
      </DownloadLink>
      <DownloadLink path={`${base}.pdf`} newTab aria-label={t('finance.statement.pdfLabel', { member: memberName })}>
        {t('finance.statement.pdf')}
      </DownloadLink>
    </p>
  );
}
