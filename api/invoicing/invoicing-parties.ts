import { type Kysely } from 'kysely';
import { type InvoicingParties, type MemberInvoicingIdentity } from '../../domain/invoicing/invoicing-parties.js';
import { findMemberInvoicing, loadPoleInvoicingProfile, mandatesInForceOn } from '../../projections/members/invoicing-parties-reads.js';
import { listMembers } from '../../projections/members/members-projection.js';
import { type ReadModelTables } from '../../projections/tables/read-model-tables.js';

/**
 * Who the invoices of a close dated `date` name: the pôle as its treasurer set it (null until
 * then: no invoice is issued), and every registered member, with its register facts as they stand
 * now, its invoicing identity, and the self-billing mandate in force on `date` (given on or
 * before it, not revoked on or before it). Four queries, on SQLite as on PostgreSQL.
 */
export async function invoicingPartiesOn(db: Kysely<ReadModelTables>, date: string): Promise<InvoicingParties> {
  // One after the other: `db` may be a transaction, which runs one statement at a time.
  const pole = await loadPoleInvoicingProfile(db);
  const members = await listMembers(db);
  const invoicing = await findMemberInvoicing(db);
  const mandates = await mandatesInForceOn(db, date);
  const identities = new Map<string, MemberInvoicingIdentity>();
  for (const member of members) {
    const details = invoicing.get(member.memberId)?.details ?? null;
    identities.set(member.memberId, {
      memberId: member.memberId,
      name: member.name,
      legalForm: member.legalForm,
      vatStatus: member.vatStatus,
      siret: member.siret,
      address: details?.address ?? null,
      vatNumber: details?.vatNumber ?? null,
      invoiceEmail: details?.invoiceEmail ?? null,
      selfBillingMandate: mandates.get(member.memberId) ?? null,
    });
  }
  return { pole, members: identities };
}
