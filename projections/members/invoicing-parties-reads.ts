import { type Kysely } from 'kysely';
import { type PoleInvoicingProfile } from '../../domain/invoicing/invoicing-parties.js';
import { type MemberInvoicingDetails } from '../../domain/members/member-invoicing.js';
import { readInLists } from '../tables/in-lists.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { type MemberInvoicingColumns } from './invoicing-parties-tables.js';

/** A member's invoicing identity and its mandate not revoked, as its page shows them. */
export interface MemberInvoicingView {
  memberId: string;
  details: MemberInvoicingDetails | null;
  selfBillingMandate: { grantedOn: string; reference: string | null; vatOnDebits: boolean } | null;
}

const COLUMNS = [
  'member_id', 'address_line', 'address_postal_code', 'address_city', 'address_country_code', 'vat_number', 'invoice_email', 'mandate_granted_on', 'mandate_reference',
  'mandate_vat_on_debits',
] as const;

function viewOf(row: MemberInvoicingColumns & { member_id: string }): MemberInvoicingView {
  const { address_line: line, address_postal_code: postalCode, address_city: city, address_country_code: countryCode } = row;
  const details = line !== null && postalCode !== null && city !== null && countryCode !== null
    ? { address: { line, postalCode, city, countryCode }, vatNumber: row.vat_number, invoiceEmail: row.invoice_email }
    : null;
  const selfBillingMandate = row.mandate_granted_on === null ? null
    : { grantedOn: row.mandate_granted_on, reference: row.mandate_reference, vatOnDebits: row.mandate_vat_on_debits === 1 };
  return { memberId: row.member_id, details, selfBillingMandate };
}

/** The invoicing views of `memberIds` (all members when absent), by id. */
export async function findMemberInvoicing(db: Kysely<ReadModelTables>, memberIds?: Iterable<string>): Promise<Map<string, MemberInvoicingView>> {
  const found = new Map<string, MemberInvoicingView>();
  if (memberIds === undefined) {
    for (const row of await db.selectFrom('members').select(COLUMNS).execute()) found.set(row.member_id, viewOf(row));
    return found;
  }
  const rows = await readInLists([...new Set(memberIds)], (ids) => db.selectFrom('members').select(COLUMNS).where('member_id', 'in', ids).execute());
  for (const row of rows) found.set(row.member_id, viewOf(row));
  return found;
}

/** The mandate in force on `date` of each member that has one: given on or before it, not revoked on or before it. */
export async function mandatesInForceOn(db: Kysely<ReadModelTables>, date: string): Promise<Map<string, { grantedOn: string; vatOnDebits: boolean }>> {
  const rows = await db.selectFrom('member_self_billing_mandates').select(['member_id', 'granted_on', 'vat_on_debits'])
    .where('granted_on', '<=', date)
    .where((eb) => eb.or([eb('revoked_on', 'is', null), eb('revoked_on', '>', date)]))
    .execute();
  return new Map(rows.map((row) => [row.member_id, { grantedOn: row.granted_on, vatOnDebits: row.vat_on_debits === 1 }]));
}

/** The profile the treasurer set last, or null before the first. */
export async function loadPoleInvoicingProfile(db: Kysely<ReadModelTables>): Promise<PoleInvoicingProfile | null> {
  const row = await db.selectFrom('pole_invoicing_profiles').select('profile').orderBy('changed_position', 'desc').limit(1).executeTakeFirst();
  return row ? (JSON.parse(row.profile) as PoleInvoicingProfile) : null;
}
