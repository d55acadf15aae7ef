import { type InvoiceKind, type SelfBilledKind, isSelfBilled } from './invoice-document.js';

/** What a self-billed invoice carries, or a self-billed credit note gives back, as its totals say. */
export interface SelfBilledTotals {
  kind: SelfBilledKind;
  totalExclTaxCents: number;
  vatCents: number;
}

/** Among a close's documents of one member, its self-billed invoices and self-billed credit notes, which settle its credits. */
export function selfBilledAmong(documents: ReadonlyArray<{ kind: InvoiceKind; totalExclTaxCents: number; vatCents: number }>): SelfBilledTotals[] {
  return documents.flatMap(({ kind, totalExclTaxCents, vatCents }) => (isSelfBilled(kind) ? [{ kind, totalExclTaxCents, vatCents }] : []));
}

/** The credits, and the VAT on them, that the pôle owes an owner and no self-billed invoice carries. */
export interface CreditsLeftToInvoice {
  creditsCents: number;
  creditVatCents: number;
}

/**
 * What the owner's statement asks it to invoice the pôle: its credits and their VAT, less what the
 * close self-billed in its name net of its self-billed credit notes (which take back credits of
 * earlier periods, as the line's credits, net of them, do). Per member, the close self-bills or requests every credit to the
 * cent (`invoiceDraftsOf`'s `invoiceRequests`, property-tested), so this is the sum of its requests,
 * found again from the frozen settlement line and the numbered documents, for every period closed.
 * An owner self-billed some of its resources may still have the others to invoice.
 */
export function creditsLeftToInvoice(line: { creditsCents: number; creditVatCents?: number }, selfBilled: readonly SelfBilledTotals[]): CreditsLeftToInvoice {
  const billed = selfBilled.reduce((total, document) => {
    const sign = document.kind === 'SELF_BILLED_CREDIT_NOTE' ? -1 : 1;
    return { base: total.base + sign * document.totalExclTaxCents, vat: total.vat + sign * document.vatCents };
  }, { base: 0, vat: 0 });
  return { creditsCents: line.creditsCents - billed.base, creditVatCents: (line.creditVatCents ?? 0) - billed.vat };
}

/** The self-billing mandates that decide why an owner invoices the pôle itself. */
export interface MandateFacts {
  /** A mandate was in force on the day the close issued its documents, as the register has it; false when it issued none. */
  inForceOnCloseDate: boolean;
  /** The owner holds a mandate now (not revoked), whatever its date. */
  heldNow: boolean;
}

/** What an owner's statement, and « Ma structure », ask it to invoice the pôle after a close, and why. */
export interface InvoiceToSend extends CreditsLeftToInvoice {
  /**
   * As `invoiceDraftsOf` decided: `NO_MANDATE`, no mandate was in force at the close, so none of
   * its credits was self-billed; `VAT_NOT_CARRIED`, one was, but an owner subject to VAT is not
   * self-billed its credits on resources without a VAT rate for the period (Mutua does not know
   * the VAT it owes on them). A close with a blocker (a subject owner without VAT number) issues
   * nothing, so these are the only two ways credits are left beside a mandate.
   */
  reason: 'NO_MANDATE' | 'VAT_NOT_CARRIED';
  /** A self-billed invoice of the close carries the owner's other credits. */
  besideSelfBilledInvoice: boolean;
  /** The owner holds a mandate now: giving one is not suggested again. */
  mandateHeld: boolean;
}

/**
 * The one place that tells a closed period's owner what it invoices the pôle: null when the
 * self-billed invoices carry all its credits. A self-billed invoice proves the mandate was in force;
 * `selfBilled` holds the close's self-billed invoices and self-billed credit notes.
 */
export function invoiceToSendOf(line: { creditsCents: number; creditVatCents?: number }, selfBilled: readonly SelfBilledTotals[], mandate: MandateFacts): InvoiceToSend | null {
  const left = creditsLeftToInvoice(line, selfBilled);
  if (left.creditsCents <= 0) return null;
  const besideSelfBilledInvoice = selfBilled.some((document) => document.kind === 'SELF_BILLED_INVOICE');
  return {
    ...left,
    reason: besideSelfBilledInvoice || mandate.inForceOnCloseDate ? 'VAT_NOT_CARRIED' : 'NO_MANDATE',
    besideSelfBilledInvoice,
    mandateHeld: mandate.heldNow,
  };
}
