import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading } from '../../shared/ui/status-message.js';
import type { NamedRef } from './finance-types.js';
import { InvoiceTable } from './invoice-table.js';
import { useInvoicesQuery } from './invoices-query.js';

/** « Mes factures »: a member structure's invoices of every period, in the order the API lists them (by issue date, then FA, AV, AF, then number), never re-sorted here. The API answers for it alone. */
export function MyInvoicesScreen({ member }: { member: NamedRef }) {
  const { t } = useI18n();
  const [{ data, error, fetching }] = useInvoicesQuery({ memberId: member.id });
  const invoices = data?.invoices ?? [];
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.myInvoices')}</h1>
        <p className="muted">{t('invoices.my.intro', { member: member.name })}</p>
      </header>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && invoices.length === 0 ? <p className="notice" data-testid="no-invoices">{t('invoices.my.empty')}</p> : null}
      {invoices.length > 0 ? <InvoiceTable invoices={invoices} caption={t('invoices.caption.mine', { member: member.name })} show="period" /> : null}
    </>
  );
}
