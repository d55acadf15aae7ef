import { formatDate, formatMoneyCents } from '../../shared/format.js';
import type { InvoiceRowFragment } from '../../shared/generated/graphql.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays } from '../../../../shared/paris-time.js';
import { DownloadLink } from '../../shared/ui/download-link.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

export type InvoiceRow = InvoiceRowFragment;

export interface InvoiceTableProps {
  invoices: readonly InvoiceRow[];
  caption: string;
  /** The period's table names each invoice's structure; a member's own names each invoice's period instead. */
  show: 'member' | 'period';
}

/**
 * Invoices, credit notes and self-billed invoices in the order the API gives them (by issue date,
 * then FA, AV, AF, then number: the accountant's order, decided there alone), each with its Factur-X and its UBL file.
 */
export function InvoiceTable({ invoices, caption, show }: InvoiceTableProps) {
  const { t, locale } = useI18n();
  const money = (cents: number) => formatMoneyCents(cents, locale);
  const columns = {
    number: t('invoices.column.number'),
    kind: t('invoices.column.kind'),
    party: t(show === 'member' ? 'invoices.column.member' : 'invoices.column.period'),
    issuedOn: t('invoices.column.issuedOn'),
    exclTax: t('invoices.column.exclTax'),
    vat: t('invoices.column.vat'),
    inclTax: t('invoices.column.inclTax'),
    files: t('invoices.column.files'),
  };
  const periodText = (period: InvoiceRow['period']) =>
    t('invoices.period', { from: formatDate(period.from, locale), to: formatDate(addDays(period.to, -1), locale) });
  return (
    <TableScroll label={caption}>
      <table className="table table-stack" data-testid="invoice-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.number}</th>
            <th scope="col">{columns.kind}</th>
            <th scope="col">{columns.party}</th>
            <th scope="col">{columns.issuedOn}</th>
            <th scope="col" className="numeric">{columns.exclTax}</th>
            <th scope="col" className="numeric">{columns.vat}</th>
            <th scope="col" className="numeric">{columns.inclTax}</th>
            <th scope="col">{columns.files}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id}>
              <th scope="row" className="nowrap" data-label={columns.number}>{invoice.number}</th>
              <td data-label={columns.kind}>
                {t(`invoices.kind.${invoice.kind}`)}
                {invoice.corrects ? <span className="muted small"> — {t('invoices.corrects', { number: invoice.corrects.number })}</span> : null}
              </td>
              <td data-label={columns.party}>{show === 'member' ? invoice.member.name : periodText(invoice.period)}</td>
              <td className="nowrap" data-label={columns.issuedOn}>{formatDate(invoice.issuedOn, locale)}</td>
              <td className="numeric" data-label={columns.exclTax}>{money(invoice.totalExclTaxCents)}</td>
              <td className="numeric" data-label={columns.vat}>{money(invoice.vatCents)}</td>
              <td className="numeric" data-label={columns.inclTax}><strong>{money(invoice.totalInclTaxCents)}</strong></td>
              <td data-label={columns.files}>
                <InvoiceFileLinks invoice={invoice} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Both files of one document, named with its number so that a list of links read alone still says which. */
function InvoiceFileLinks({ invoice }: { invoice: InvoiceRow }) {
  const { t } = useI18n();
  return (
    <span className="inline-list">
      <DownloadLink path={invoice.pdfPath} aria-label={t('invoices.pdfLabel', { number: invoice.number })}>{t('invoices.pdf')}</DownloadLink>
      <DownloadLink path={invoice.xmlPath} aria-label={t('invoices.xmlLabel', { number: invoice.number })}>{t('invoices.xml')}</DownloadLink>
    </span>
  );
}
