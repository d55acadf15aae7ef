import { type LegalForm, type VatStatus } from '../../shared/enums.js';
import { type PostalAddress } from './invoice-document.js';

/**
 * Who the pôle is on the invoices it issues (and the buyer on the self-billed invoices it issues in
 * a member's name), as the treasurer set it (stream `pole-invoicing-profile`). Until it is set, a
 * close issues no invoice: a pôle that does not invoice keeps its statements only.
 */
export interface PoleInvoicingProfile {
  /** The legal name (raison sociale). */
  name: string;
  address: PostalAddress;
  /** 14 digits; its first nine are the SIREN the e-invoice carries. */
  siret: string;
  /** `FR` + key + SIREN, when the pôle is identified for VAT. */
  vatNumber: string | null;
  /** Where members pay by transfer. */
  iban: string | null;
  /** Days from the issue date to the due date (C. com. L441-10: 60 at most). */
  paymentTermDays: number;
  /** The late-payment penalty rate as printed, due on every invoice to a business. */
  latePaymentPenalty: string;
  /** The pôle opted to pay VAT on debits (otherwise VAT on services is due on receipt). */
  vatOnDebits: boolean;
}

/** What an invoice needs to know of a member, as it stands on the issue date. */
export interface MemberInvoicingIdentity {
  memberId: string;
  name: string;
  legalForm: LegalForm;
  vatStatus: VatStatus;
  /** Its first nine digits are the SIREN. */
  siret: string | null;
  /** Null until the member's postal address is recorded: no invoice can name it before. */
  address: PostalAddress | null;
  vatNumber: string | null;
  /** Where e-invoices reach a member without SIREN. */
  invoiceEmail: string | null;
  /**
   * The self-billing mandate the member gave the pôle, in force on the issue date, with the day it
   * was given and the member's option for VAT on debits, which its self-billed invoices state.
   */
  selfBillingMandate: { grantedOn: string; vatOnDebits: boolean } | null;
}

export interface InvoicingParties {
  pole: PoleInvoicingProfile | null;
  members: ReadonlyMap<string, MemberInvoicingIdentity>;
}
