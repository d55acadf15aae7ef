import { type Kysely } from 'kysely';
import { type CorrectionWithoutCreditNote, correctionsWithoutCreditNote } from '../../domain/invoicing/corrections-without-credit-note.js';
import { poleStatusInForce } from '../../domain/finance/vat-settings.js';
import { type CorrectedPeriod, invoiceDraftsOf, type InvoicingOutcome, type PriorInvoice } from '../../domain/invoicing/issue-invoices.js';
import { type SettlementPeriod } from '../../domain/settlement/period.js';
import { type PeriodSettlement } from '../../domain/settlement/settle-period.js';
import { assert } from '../../domain/shared/errors.js';
import { type PeriodView } from '../../projections/finance/finance-projection.js';
import { findPeriod, loadVatSettings } from '../../projections/finance/finance-reads.js';
import { parisDateOf } from '../../shared/paris-time.js';
import { invoiceOfMemberForPeriod } from '../../projections/invoices/invoices-projection.js';
import { listResources } from '../../projections/resources/resources-projection.js';
import { type ReadModelTables } from '../../projections/tables/read-model-tables.js';
import { invoicingPartiesOn } from './invoicing-parties.js';

const NOTHING_ISSUED: InvoicingOutcome = { drafts: [], blockers: [], invoiceRequests: [], uninvoicedCorrections: [] };

/**
 * What closing `period` on `issueDate` with `settlement` issues: the drafts frozen in its
 * `PeriodClosed`, and what would stop the close. Read from the read models as they stand: the
 * parties as recorded on the issue date, the pôle's VAT status in the period, and the members'
 * numbered invoices and self-billed invoices of earlier periods, which credit notes and self-billed
 * credit notes correct, with its VAT status in those.
 */
export async function closingInvoicesOf(
  db: Kysely<ReadModelTables>, period: SettlementPeriod & { periodId: string }, settlement: PeriodSettlement, issueDate: string,
): Promise<InvoicingOutcome> {
  const parties = await invoicingPartiesOn(db, issueDate);
  if (parties.pole === null) return NOTHING_ISSUED;
  const vatSettings = await loadVatSettings(db);
  const poleVatStatus = poleStatusInForce(vatSettings, period);
  const resourceNames = new Map((await listResources(db)).map((resource) => [resource.resourceId, resource.name]));
  // Only a credit note names an earlier document: the user's invoice (for an AV) or the owner's self-billed invoice (for an AA)
  // of the periods the corrections refer to, not every document ever issued.
  const priorInvoices = new Map<string, PriorInvoice | null>();
  // And those periods: their days, and the pôle's VAT status then, which a closed period keeps (vat-settings.ts).
  const correctedPeriods = new Map<string, CorrectedPeriod>();
  const corrected = [
    ...[...(settlement.corrections ?? []), ...(settlement.usageCorrections ?? [])].map(({ memberId, originalPeriodId }) => ({ memberId, originalPeriodId, kind: 'INVOICE' as const })),
    ...(settlement.usageCorrections ?? []).flatMap(({ ownerMemberId, originalPeriodId }) => (ownerMemberId === null ? [] : [{ memberId: ownerMemberId, originalPeriodId, kind: 'SELF_BILLED_INVOICE' as const }])),
  ];
  for (const { memberId, originalPeriodId, kind } of corrected) {
    const key = `${memberId}|${originalPeriodId}|${kind}`;
    if (!priorInvoices.has(key)) priorInvoices.set(key, await invoiceOfMemberForPeriod(db, memberId, originalPeriodId, kind));
    if (!correctedPeriods.has(originalPeriodId)) {
      const original = await findPeriod(db, originalPeriodId);
      assert(original !== undefined, `the corrected period ${originalPeriodId} is known`);
      correctedPeriods.set(originalPeriodId, { from: original.from, to: original.to, poleVatStatus: poleStatusInForce(vatSettings, original) });
    }
  }
  return invoiceDraftsOf({
    periodId: period.periodId, period: { from: period.from, to: period.to }, issueDate, settlement, parties, poleVatStatus, resourceNames,
    priorInvoiceOf: (memberId, periodId, kind) => priorInvoices.get(`${memberId}|${periodId}|${kind}`) ?? null,
    correctedPeriodOf: (periodId) => {
      const corrected = correctedPeriods.get(periodId);
      assert(corrected !== undefined, `a correction refers to a period ${periodId} of the settlement's corrections`);
      return corrected;
    },
  });
}

/**
 * The late reversals' corrections that the close of `period` left on the statements without a
 * credit note, or, while it is open, would leave if it closed now: decided by the close's own
 * `closingInvoicesOf`, not by a rule of their own. A closed period's are derived again from its
 * frozen settlement on the day it closed, the parties as the register has them now (as the
 * statement's `invoiceToSend` is); an open one's on the first day it can close, or today.
 */
export async function correctionsWithoutCreditNoteOf(
  db: Kysely<ReadModelTables>, period: PeriodView, settlement: PeriodSettlement, today: string,
): Promise<CorrectionWithoutCreditNote[]> {
  if ((settlement.corrections ?? []).length === 0 && (settlement.usageCorrections ?? []).length === 0) return [];
  assert(period.status === 'OPEN' || period.closedAt !== null, 'a closed period has its closing instant');
  const issueDate = period.closedAt !== null ? parisDateOf(period.closedAt) : today > period.to ? today : period.to;
  return correctionsWithoutCreditNote(await closingInvoicesOf(db, period, settlement, issueDate));
}
