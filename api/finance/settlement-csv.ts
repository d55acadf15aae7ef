import { formatFecAmount } from '../../domain/shared/money.js';
import { type PeriodSettlement } from '../../domain/settlement/settle-period.js';

/**
 * The settlement as a spreadsheet a French treasurer opens by double-click: semicolons, decimal
 * commas, a byte-order mark so that the spreadsheet reads UTF-8, one column per pool's share.
 */
export function settlementCsv(settlement: PeriodSettlement, memberNames: ReadonlyMap<string, string>): string {
  const pools = settlement.pools;
  const header = [
    'membre_id', 'membre', ...pools.map((pool) => `quote-part ${pool.name}`), 'quotes-parts', 'charges directes', 'crédits',
    'paiements du membre', 'versements au membre', 'solde',
  ];
  const rows = settlement.lines.map((line) => {
    const shares = new Map(line.poolShares.map((share) => [share.poolId, share.shareCents]));
    return [
      line.memberId, memberNames.get(line.memberId) ?? line.memberId, ...pools.map((pool) => euros(shares.get(pool.poolId) ?? 0)),
      euros(line.poolSharesCents), euros(line.directChargesCents), euros(line.creditsCents),
      euros(line.paymentsMadeCents), euros(line.paymentsReceivedCents), euros(line.balanceCents),
    ];
  });
  const { totals } = settlement;
  const totalRow = [
    '', 'TOTAL', ...pools.map((pool) => euros(pool.allocation === null ? 0 : pool.netCostsCents)), euros(totals.poolSharesCents),
    euros(totals.directChargesCents), euros(totals.creditsCents), euros(totals.paymentsMadeCents), euros(totals.paymentsReceivedCents),
    euros(totals.balanceCents),
  ];
  return `\ufeff${[header, ...rows, totalRow].map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

const euros = formatFecAmount;

function csvCell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
