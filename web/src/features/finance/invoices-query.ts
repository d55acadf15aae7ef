import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

/** An invoice, credit note or self-billed invoice as the invoice tables show it, with its two files. */
export const InvoiceRowFragment = graphql(`
  fragment InvoiceRow on Invoice {
    id number kind issuedOn
    member { id name }
    period { id from to }
    totalExclTaxCents vatCents totalInclTaxCents
    corrects { id number }
    pdfPath xmlPath
  }
`);

/** The invoices of a period, or of a member (a member's own whatever it asks): by issue date, then FA, AV, AF, then number, as the API orders them. */
export const InvoicesQuery = graphql(`
  query Invoices($periodId: ID, $memberId: ID) {
    invoices(periodId: $periodId, memberId: $memberId) { ...InvoiceRow }
  }
`);

export const InvoiceArchivePathQuery = graphql(`
  query InvoiceArchivePath($year: Int!) { invoiceArchivePath(year: $year) }
`);

export function useInvoicesQuery(filter: { periodId?: string; memberId?: string }) {
  return useQuery({ query: InvoicesQuery, variables: { periodId: filter.periodId ?? null, memberId: filter.memberId ?? null }, requestPolicy: 'cache-and-network' });
}

export function useInvoiceArchivePathQuery(year: number) {
  return useQuery({ query: InvoiceArchivePathQuery, variables: { year } });
}
