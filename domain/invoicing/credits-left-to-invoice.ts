/** What a self-billed invoice carries, as its totals say. */
export interface SelfBilledTotals {
  totalExclTaxCents: number;
  vatCents: number;
}

/** The credits, and the VAT on them, that the pôle owes an owner and no self-billed invoice carries. */
export interface CreditsLeftToInvoice {
  creditsCents: number;
  creditVatCents: number;
}

/**
 * What the owner's statement asks it to invoice the pôle: its credits and their VAT, less what the
 * close self-billed in its name. Per member, the close self-bills or requests every credit to the
 * cent (`invoiceDraftsOf`'s `invoiceRequests`, property-tested), so this is the sum of its requests,
 * found again from the frozen settlement line and the numbered documents, for every period closed.
 * An owner self-billed some of its resources may still have the others to invoice.
 */
export function creditsLeftToInvoice(line: { creditsCents: number; creditVatCents?: number }, selfBilled: readonly SelfBilledTotals[]): CreditsLeftToInvoice {
  const billed = selfBilled.reduce((total, invoice) => ({ base: total.base + invoice.totalExclTaxCents, vat: total.vat + invoice.vatCents }), { base: 0, vat: 0 });
  return { creditsCents: line.creditsCents - billed.base, creditVatCents: (line.creditVatCents ?? 0) - billed.vat };
}
