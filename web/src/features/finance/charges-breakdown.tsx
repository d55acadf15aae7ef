import { addDays } from '../../../../shared/paris-time.js';
import { formatDate, formatDurationMinutes, formatMoneyCents } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { chargeRowKeys } from './charge-row-keys.js';
import type { SettlementLine } from './finance-types.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

type ResourceCharge = SettlementLine['directCharges'][number];

/**
 * What a structure's direct charges and credits are made of, resource by resource: the
 * reservations and usage it is charged for, and the use others made of its own resources; on rows
 * of their own, what late reversals give back of a closed period's usage.
 */
export function ChargesBreakdown({ line }: { line: SettlementLine }) {
  const { t } = useI18n();
  return (
    <>
      <h3>{t('finance.my.directChargesTitle')}</h3>
      <ChargesTable charges={line.directCharges} caption={t('finance.my.directChargesTitle')} empty={t('finance.my.noDirectCharges')} testId="my-direct-charges" />
      {line.credits.length > 0 ? (
        <>
          <h3>{t('finance.my.creditsTitle')}</h3>
          <ChargesTable charges={line.credits} caption={t('finance.my.creditsTitle')} empty="" testId="my-credits" />
        </>
      ) : null}
    </>
  );
}

function ChargesTable({ charges, caption, empty, testId }: { charges: readonly ResourceCharge[]; caption: string; empty: string; testId: string }) {
  const { t, locale } = useI18n();
  if (charges.length === 0) return <p className="muted">{empty}</p>;
  const keys = chargeRowKeys(charges);
  return (
    <TableScroll label={caption}>
      <table className="table table-stack" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('finance.column.resource')}</th>
            <th scope="col" className="numeric">{t('finance.column.count')}</th>
            <th scope="col" className="numeric">{t('finance.column.usage')}</th>
            <th scope="col" className="numeric">{t('finance.column.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {charges.map((charge, index) => (
            <tr key={keys[index]}>
              <th scope="row" data-label={t('finance.column.resource')}>
                {charge.correctedPeriod
                  ? t('finance.my.usageGivenBack', {
                    resource: charge.resourceName,
                    from: formatDate(charge.correctedPeriod.from, locale),
                    to: formatDate(addDays(charge.correctedPeriod.to, -1), locale),
                  })
                  : charge.resourceName}
              </th>
              <td className="numeric" data-label={t('finance.column.count')}>{charge.itemCount}</td>
              <td className="numeric" data-label={t('finance.column.usage')}>{formatDurationMinutes(charge.usageMinutes, locale)}</td>
              <td className="numeric" data-label={t('finance.column.amount')}>{formatMoneyCents(charge.amountCents, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
