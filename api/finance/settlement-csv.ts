import { formatFecAmount } from '../../shared/money.js';
import { type PeriodSettlement } from '../../domain/settlement/settle-period.js';
import { spreadsheetCsv } from '../spreadsheet-csv.js';

/**
 * The settlement as a spreadsheet a French treasurer opens by double-click: semicolons, decimal
 * commas, a byte-order mark so that the spreadsheet reads UTF-8, one column per pool's share;
 * names are text, never formulas, and amounts numbers.
 */
export function settlementCsv(settlement: PeriodSettlement, memberNames: ReadonlyMap<string, string>): string {
  const pools = settlement.pools;
  // A VAT column only where a treatment applies: without VAT the file is what it always was.
  const withVat = settlement.totals.vatCents !== undefined;
  const withCreditVat = settlement.totals.creditVatCents !== undefined;
  const text = (header: string) => ({ header, kind: 'text' as const });
  const amount = (header: string) => ({ header, kind: 'number' as const });
  const columns = [
    text('membre_id'), text('membre'), ...pools.map((pool) => amount(`quote-part ${pool.name}`)), amount('quotes-parts'), amount('charges directes'),
    ...(withVat ? [amount('TVA')] : []), amount('crédits'), ...(withCreditVat ? [amount('TVA sur crédits')] : []), amount('versements du membre'), amount('versements au membre'), amount('solde'),
  ];
  const rows = settlement.lines.map((line) => {
    const shares = new Map(line.poolShares.map((share) => [share.poolId, share.shareCents]));
    return [
      line.memberId, memberNames.get(line.memberId) ?? line.memberId, ...pools.map((pool) => euros(shares.get(pool.poolId) ?? 0)),
      euros(line.poolSharesCents), euros(line.directChargesCents), ...(withVat ? [euros(line.vatCents ?? 0)] : []), euros(line.creditsCents),
      ...(withCreditVat ? [euros(line.creditVatCents ?? 0)] : []), euros(line.paymentsMadeCents), euros(line.paymentsReceivedCents), euros(line.balanceCents),
    ];
  });
  const { totals } = settlement;
  const totalRow = [
    '', 'TOTAL', ...pools.map((pool) => euros(pool.allocation === null ? 0 : pool.netCostsCents)), euros(totals.poolSharesCents),
    euros(totals.directChargesCents), ...(withVat ? [euros(totals.vatCents ?? 0)] : []), euros(totals.creditsCents),
    ...(withCreditVat ? [euros(totals.creditVatCents ?? 0)] : []), euros(totals.paymentsMadeCents), euros(totals.paymentsReceivedCents),
    euros(totals.balanceCents),
  ];
  return spreadsheetCsv({ columns, rows: [...rows, totalRow] });
}

const euros = formatFecAmount;
