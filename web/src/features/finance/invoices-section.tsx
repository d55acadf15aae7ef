import { formatDate } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays } from '../../../../shared/paris-time.js';
import { DownloadLink } from '../../shared/ui/download-link.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading } from '../../shared/ui/status-message.js';
import type { Period } from './finance-types.js';
import { InvoiceTable } from './invoice-table.js';
import { useInvoiceArchivePathQuery, useInvoicesQuery } from './invoices-query.js';

/**
 * « Factures » of a period's page: what its close issued, for the treasurer, the coordinators and
 * the auditors alike (reading them changes nothing), and the zip of the year for the accountant.
 */
export function InvoicesSection({ period }: { period: Period }) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }] = useInvoicesQuery({ periodId: period.id });
  const range = { from: formatDate(period.from, locale), to: formatDate(addDays(period.to, -1), locale) };
  const invoices = data?.invoices ?? [];
  // Numbers run per year of issue: a period closed in January has its invoices in the new year's zip.
  const years = [...new Set(invoices.map((invoice) => Number(invoice.issuedOn.slice(0, 4))))].sort();
  return (
    <section className="settings-section" aria-labelledby="invoices-heading" data-testid="invoices-section">
      <h2 id="invoices-heading">{t('invoices.title')}</h2>
      <p className="muted">{t('invoices.intro')}</p>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && invoices.length === 0 ? <p className="notice" data-testid="no-invoices">{t(period.status === 'OPEN' ? 'invoices.openPeriod' : 'invoices.noneAtClose')}</p> : null}
      {invoices.length > 0 ? <InvoiceTable invoices={invoices} caption={t('invoices.caption.period', range)} show="member" /> : null}
      {years.length > 0 ? (
        <>
          <h3>{t('invoices.archiveTitle')}</h3>
          <p className="inline-list">{years.map((year) => <YearArchiveLink key={year} year={year} />)}</p>
          <p className="muted small">{t('invoices.archiveHelp')}</p>
        </>
      ) : null}
    </section>
  );
}

/** The year's zip, whose path the API gives to the books' readers only. */
function YearArchiveLink({ year }: { year: number }) {
  const { t } = useI18n();
  const [{ data }] = useInvoiceArchivePathQuery(year);
  if (!data) return null;
  return <DownloadLink path={data.invoiceArchivePath}>{t('invoices.archive', { year: String(year) })}</DownloadLink>;
}
