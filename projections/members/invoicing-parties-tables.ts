import { type CreateTableBuilder, type Kysely, type Transaction } from 'kysely';
import { type PoleInvoicingProfileEvent } from '../../domain/invoicing/pole-invoicing-profile.js';
import { type MemberEvent } from '../../domain/members/member.js';
import { grantedMandate } from '../../domain/members/member-invoicing.js';
import { assert } from '../../domain/shared/errors.js';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';

/**
 * The parties of the invoices, as the members projection keeps them: each member's invoicing
 * identity and current self-billing mandate in columns of `members`, every mandate with its dates
 * (which one was in force on a past issue date), and each version of the pôle's invoicing profile.
 */
// A type, not an interface: rows are passed where a `Record<string, unknown>` is expected.
export type MemberInvoicingColumns = {
  /** The four parts of the postal address are all null until the member's details are set. */
  address_line: string | null;
  address_postal_code: string | null;
  address_city: string | null;
  address_country_code: string | null;
  vat_number: string | null;
  invoice_email: string | null;
  /** The mandate not revoked (yet), if any: what the member's page shows. */
  mandate_granted_on: string | null;
  mandate_reference: string | null;
  /** 1 when the member opted to pay VAT on debits, 0 when not; null without a mandate. */
  mandate_vat_on_debits: number | null;
};

export interface InvoicingTables {
  /** Every mandate a member gave, in force on the days `granted_on` ≤ d < `revoked_on`. */
  member_self_billing_mandates: {
    member_id: string;
    granted_position: number;
    granted_on: string;
    reference: string | null;
    /** 1 when the member opted to pay VAT on debits, 0 when VAT on its services is due on receipt. */
    vat_on_debits: number;
    revoked_on: string | null;
  };
  /** Each profile the treasurer set; the last one is in force. */
  pole_invoicing_profiles: { changed_position: number; profile: string };
}

export const NO_INVOICING_COLUMNS: MemberInvoicingColumns = {
  address_line: null, address_postal_code: null, address_city: null, address_country_code: null,
  vat_number: null, invoice_email: null, mandate_granted_on: null, mandate_reference: null, mandate_vat_on_debits: null,
};

export function addMemberInvoicingColumns<Table extends string, Columns extends string>(table: CreateTableBuilder<Table, Columns>) {
  return table
    .addColumn('address_line', 'text')
    .addColumn('address_postal_code', 'text')
    .addColumn('address_city', 'text')
    .addColumn('address_country_code', 'text')
    .addColumn('vat_number', 'text')
    .addColumn('invoice_email', 'text')
    .addColumn('mandate_granted_on', 'text')
    .addColumn('mandate_reference', 'text')
    .addColumn('mandate_vat_on_debits', 'integer');
}

export async function createInvoicingTables(db: Kysely<ReadModelTables>): Promise<void> {
  await db.schema.createTable('member_self_billing_mandates')
    .addColumn('member_id', 'text', (column) => column.notNull())
    .addColumn('granted_position', 'bigint', (column) => column.notNull())
    .addColumn('granted_on', 'text', (column) => column.notNull())
    .addColumn('reference', 'text')
    .addColumn('vat_on_debits', 'integer', (column) => column.notNull())
    .addColumn('revoked_on', 'text')
    .addPrimaryKeyConstraint('member_self_billing_mandates_primary_key', ['member_id', 'granted_position'])
    .execute();
  await db.schema.createTable('pole_invoicing_profiles')
    .addColumn('changed_position', 'bigint', (column) => column.primaryKey())
    .addColumn('profile', 'text', (column) => column.notNull())
    .execute();
}

type PatchMember = (memberId: string, patch: Partial<MemberInvoicingColumns>) => Promise<void>;

/** The event types `applyInvoicingEvent` folds: a rebuild skips every other event without a call. */
export const INVOICING_EVENT_TYPES: ReadonlySet<string> = new Set(['MemberInvoicingDetailsSet', 'SelfBillingMandateGranted', 'SelfBillingMandateRevoked', 'PoleInvoicingProfileSet']);
type InvoicingEvent = Extract<MemberEvent, { type: 'MemberInvoicingDetailsSet' | 'SelfBillingMandateGranted' | 'SelfBillingMandateRevoked' }> | PoleInvoicingProfileEvent;

/**
 * Folds one event of the parties (any other is ignored). Mandates are written at once, not at the
 * batch's end: a revocation in the same batch then finds the row it closes.
 */
export async function applyInvoicingEvent(trx: Transaction<ReadModelTables>, recorded: RecordedEvent, patchMember: PatchMember): Promise<void> {
  const event = recorded as unknown as InvoicingEvent;
  switch (event.type) {
    case 'MemberInvoicingDetailsSet': {
      const { memberId, address, vatNumber, invoiceEmail } = event.data;
      await patchMember(memberId, {
        address_line: address.line, address_postal_code: address.postalCode, address_city: address.city, address_country_code: address.countryCode,
        vat_number: vatNumber, invoice_email: invoiceEmail,
      });
      return;
    }
    case 'SelfBillingMandateGranted': {
      const { memberId } = event.data;
      const { grantedOn, reference, vatOnDebits } = grantedMandate(event.data);
      await trx.insertInto('member_self_billing_mandates')
        .values({ member_id: memberId, granted_position: recorded.position, granted_on: grantedOn, reference, vat_on_debits: vatOnDebits ? 1 : 0, revoked_on: null }).execute();
      await patchMember(memberId, { mandate_granted_on: grantedOn, mandate_reference: reference, mandate_vat_on_debits: vatOnDebits ? 1 : 0 });
      return;
    }
    case 'SelfBillingMandateRevoked': {
      const { memberId, revokedOn } = event.data;
      const closed = await trx.updateTable('member_self_billing_mandates').set({ revoked_on: revokedOn })
        .where('member_id', '=', memberId).where('revoked_on', 'is', null).executeTakeFirst();
      assert(Number(closed.numUpdatedRows) === 1, `member ${memberId}, whose mandate is revoked, has one mandate in force`);
      await patchMember(memberId, { mandate_granted_on: null, mandate_reference: null, mandate_vat_on_debits: null });
      return;
    }
    case 'PoleInvoicingProfileSet':
      await trx.insertInto('pole_invoicing_profiles').values({ changed_position: recorded.position, profile: JSON.stringify(event.data) }).execute();
      return;
    default:
      return;
  }
}
