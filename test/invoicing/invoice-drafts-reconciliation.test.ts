import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORRECTED_KIND, type CreditNoteKind, type InvoiceTotals, checkInvoiceDocument, isCreditNote, isSelfBilled } from '../../domain/invoicing/invoice-document.js';
import { creditsLeftToInvoice, selfBilledAmong } from '../../domain/invoicing/credits-left-to-invoice.js';
import { type InvoiceDraft, SERIES_OF_KIND } from '../../domain/invoicing/invoice-draft.js';
import { type InvoicingOutcome, invoiceDraftsOf } from '../../domain/invoicing/issue-invoices.js';
import { type AllocationKey } from '../../domain/settlement/allocation-keys.js';
import { type LateCostReversal, settlePeriodWithCorrections } from '../../domain/settlement/settlement-corrections.js';
import { type PeriodFacts, type PeriodSettlement } from '../../domain/settlement/settle-period.js';
import { VAT_EXEMPTION_CODES, VAT_RATES_BASIS_POINTS, type VatTreatment, vatOfLineCents } from '../../shared/vat.js';
import { LASER, ROOM, identity, invoicingInput, item, marchFacts, partiesOf, priorInvoices } from './draft-fixtures.js';

const MEMBERS = ['a', 'b', 'c'] as const;
const EARLIER = ['2026-01', '2026-02'] as const;
const KEYS: AllocationKey[] = [
  { kind: 'EQUAL' },
  { kind: 'USAGE', resourceIds: [LASER, ROOM] },
  { kind: 'COMPOSITE', parts: [{ percent: 40, key: { kind: 'EQUAL' } }, { percent: 60, key: { kind: 'USAGE', resourceIds: [LASER, ROOM] } }] },
];

/** Rates, and one exemption: an invoice cannot state two (vatBreakdownOf), a close then blocks. */
const taxed: fc.Arbitrary<VatTreatment[]> = fc.constantFrom(...VAT_EXEMPTION_CODES).chain((exemption) => fc.array(fc.oneof(
  fc.constantFrom(...VAT_RATES_BASIS_POINTS).map((rateBasisPoints): VatTreatment => ({ kind: 'RATE', rateBasisPoints })),
  fc.constant<VatTreatment>({ kind: 'EXEMPT', exemption }),
), { minLength: 5, maxLength: 5 }));

/** A period of random pools, charges, VAT treatments and late reversals, with who gave a mandate and who was invoiced before. */
const scenario = fc.record({
  pools: fc.array(fc.record({ costs: fc.integer({ min: 0, max: 5_000_000 }), key: fc.constantFrom(...KEYS.keys()) }), { minLength: 1, maxLength: 3 }),
  items: fc.array(fc.record({ member: fc.constantFrom(...MEMBERS), resource: fc.constantFrom(LASER, ROOM), minutes: fc.integer({ min: 1, max: 900 }) }), { minLength: 1, maxLength: 8 }),
  rates: fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 })),
  reversals: fc.array(fc.record({ pool: fc.nat({ max: 2 }), period: fc.constantFrom(...EARLIER), amountCents: fc.integer({ min: 1, max: 3_000_000 }) }), { maxLength: 4 }),
  /** Usage entries of earlier periods reversed in this one: their charges come back, their owners' credits are taken back. */
  usageReversals: fc.array(fc.record({ member: fc.constantFrom(...MEMBERS), resource: fc.constantFrom(LASER, ROOM), minutes: fc.integer({ min: 1, max: 900 }), period: fc.constantFrom(...EARLIER) }), { maxLength: 4 }),
  poleSubject: fc.boolean(),
  treatments: taxed,
  memberSubject: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  /** `a`'s VAT status in each earlier period, when its AF was issued: it may have become subject to VAT since, or left it. */
  ownerSubjectThen: fc.tuple(fc.boolean(), fc.boolean()),
  /** A member not subject to VAT may still give its VAT number, which a self-billed credit note at a rate then names. */
  vatNumberWithoutVat: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  mandates: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  /** `a` owning the room as well as the laser, each with its own treatment: an owner self-billed one and asked to invoice the other. */
  roomOwner: fc.constantFrom(null, 'a'),
  /** Each member's invoice (FA) and self-billed invoice (AF) of the earlier periods, which credit notes (AV, AA) correct. */
  invoicedBefore: fc.subarray(MEMBERS.flatMap((member) => EARLIER.flatMap((period) => (['INVOICE', 'SELF_BILLED_INVOICE'] as const).map((kind) => [member, period, kind] as [string, string, typeof kind])))),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function factsOf(s: Scenario): { facts: PeriodFacts; reversals: LateCostReversal[] } {
  const pools = s.pools.map((pool, index) => ({ poolId: `p${index}`, name: `Pot ${index}`, key: KEYS[pool.key]!, costs: pool.costs }));
  const reversals = s.reversals.filter((reversal) => reversal.pool < pools.length)
    .map((reversal) => ({ poolId: `p${reversal.pool}`, originalPeriodId: reversal.period, amountCents: reversal.amountCents }));
  const reversed = (poolId: string) => reversals.filter((reversal) => reversal.poolId === poolId).reduce((total, reversal) => total + reversal.amountCents, 0);
  const facts = marchFacts({
    members: MEMBERS.map((memberId, index) => ({ memberId, joinedOn: '2025-01-01', leftOn: null, vatStatus: s.memberSubject[index] ? 'SUBJECT' : 'NOT_SUBJECT' })),
    pools: pools.map(({ costs, ...pool }) => ({ ...pool, netCostsCents: costs - reversed(pool.poolId) })),
    items: s.items.map((entry) => item(entry.member, entry.resource, entry.minutes)),
    lateUsageReversals: s.usageReversals.map((reversal) => ({
      memberId: reversal.member, resourceId: reversal.resource, unitMinutes: reversal.minutes, originalPeriodId: reversal.period,
      ...(ownerOf(s, reversal.resource) === 'a' ? { ownerVatStatus: ownerSubjectThen(s, reversal.period) ? 'SUBJECT' as const : 'NOT_SUBJECT' as const } : {}),
    })),
    resources: [{ resourceId: LASER, hourlyRateCents: s.rates[0], ownerMemberId: 'a' }, { resourceId: ROOM, hourlyRateCents: s.rates[1], ownerMemberId: s.roomOwner }],
    ...(s.poleSubject ? {
      vat: {
        pools: Object.fromEntries(pools.map((pool, index) => [pool.poolId, s.treatments[index]!])),
        resources: { [LASER]: s.treatments[3]!, [ROOM]: s.treatments[4]! },
        poleDeductsVat: true,
      },
    } : {}),
  });
  return { facts, reversals };
}

function ownerOf(s: Scenario, resourceId: string): string | null {
  return resourceId === LASER ? 'a' : s.roomOwner;
}

function ownerSubjectThen(s: Scenario, periodId: string): boolean {
  return s.ownerSubjectThen[EARLIER.indexOf(periodId as (typeof EARLIER)[number])]!;
}

function hasVatNumber(s: Scenario, index: number): boolean {
  return s.memberSubject[index]! || s.vatNumberWithoutVat[index]!;
}

function issue(s: Scenario, settlement: PeriodSettlement): InvoicingOutcome {
  const parties = partiesOf(MEMBERS.map((memberId, index) => identity(memberId, {
    vatStatus: s.memberSubject[index] ? 'SUBJECT' : 'NOT_SUBJECT',
    vatNumber: hasVatNumber(s, index) ? `FR9052345677${index}` : null,
    selfBillingMandate: s.mandates[index] ? { grantedOn: '2026-01-05', vatOnDebits: false } : null,
  })));
  return invoiceDraftsOf(invoicingInput(settlement, { parties, poleVatStatus: s.poleSubject ? 'SUBJECT' : 'NOT_SUBJECT', priorInvoiceOf: priorInvoices(s.invoicedBefore) }));
}

function negated(totals: InvoiceTotals): InvoiceTotals {
  return { linesCents: -totals.linesCents, vatCents: -totals.vatCents, totalWithVatCents: -totals.totalWithVatCents };
}

/** Σ invoices − Σ credit notes, with what stays on the statement: what the member is charged, VAT included or not. */
function charged(outcome: InvoicingOutcome, memberId: string, amount: 'base' | 'withVat'): number {
  const of = (draft: InvoiceDraft) => (amount === 'base' ? draft.document.totals.linesCents : draft.document.totals.totalWithVatCents);
  const documents = outcome.drafts.filter((draft) => draft.memberId === memberId)
    .reduce((total, draft) => total + (draft.kind === 'INVOICE' ? of(draft) : draft.kind === 'CREDIT_NOTE' ? -of(draft) : 0), 0);
  const onStatement = outcome.uninvoicedCorrections.filter((correction) => correction.memberId === memberId)
    .reduce((total, correction) => total - correction.amountCents - (amount === 'base' ? 0 : correction.vatCents), 0);
  return documents + onStatement;
}

describe('the documents of a close reconcile with its settlement', () => {
  it('per member and in total, invoices − credit notes (− what stays on the statement) = shares + charges + VAT, to the cent; credits are self-billed or requested', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { facts, reversals } = factsOf(s);
      const settlement = settlePeriodWithCorrections(facts, reversals);
      fc.pre(settlement.blockers.length === 0);
      const outcome = issue(s, settlement);
      expect(outcome.blockers).toEqual([]);
      for (const draft of outcome.drafts) expect(checkInvoiceDocument({ ...draft.document, number: 'FA-2026-000042' })).toBeTruthy();
      for (const line of settlement.lines) {
        expect(charged(outcome, line.memberId, 'base')).toBe(line.poolSharesCents + line.directChargesCents);
        expect(charged(outcome, line.memberId, 'withVat')).toBe(line.poolSharesCents + line.directChargesCents + (line.vatCents ?? 0));
        // A self-billed credit note gives back what the self-billed invoice it corrects carried: it counts as a negative one.
        const selfBilled = outcome.drafts.filter((draft) => draft.memberId === line.memberId && isSelfBilled(draft.kind))
          .map((draft) => (draft.kind === 'SELF_BILLED_INVOICE' ? draft : { ...draft, document: { ...draft.document, totals: negated(draft.document.totals) } }));
        const requested = outcome.invoiceRequests.filter((request) => request.memberId === line.memberId);
        const takenBack = (outcome.creditsTakenBack ?? []).filter((correction) => correction.ownerMemberId === line.memberId);
        const takenBackCents = takenBack.reduce((total, correction) => total + correction.amountCents, 0);
        const takenBackVatCents = takenBack.reduce((total, correction) => total + correction.ownerVatCents, 0);
        expect(selfBilled.reduce((total, draft) => total + draft.document.totals.linesCents, 0) + requested.reduce((total, request) => total + request.creditsCents, 0) - takenBackCents)
          .toBe(line.creditsCents);
        // What the pôle owes the owner, VAT on its credits included, is self-billed or requested, less what late usage reversals take back, to the cent.
        expect(selfBilled.reduce((total, draft) => total + draft.document.totals.totalWithVatCents, 0) +
          requested.reduce((total, request) => total + request.creditsCents + request.creditVatCents, 0) - takenBackCents - takenBackVatCents)
          .toBe(line.creditsCents + (line.creditVatCents ?? 0));
        // The statement finds the requests again, less what was taken back, from the line and the self-billed invoices' totals.
        const totals = selfBilledAmong(outcome.drafts.filter((draft) => draft.memberId === line.memberId)
          .map((draft) => ({ kind: draft.kind, totalExclTaxCents: draft.document.totals.linesCents, vatCents: draft.document.totals.vatCents })));
        expect(creditsLeftToInvoice(line, totals)).toEqual({
          creditsCents: requested.reduce((total, request) => total + request.creditsCents, 0) - takenBackCents,
          creditVatCents: requested.reduce((total, request) => total + request.creditVatCents, 0) - takenBackVatCents,
        });
        expect(line.balanceCents).toBe(line.poolSharesCents + line.directChargesCents + (line.vatCents ?? 0) - line.creditsCents - (line.creditVatCents ?? 0));
      }
      const { totals } = settlement;
      expect(MEMBERS.reduce((total, memberId) => total + charged(outcome, memberId, 'withVat'), 0))
        .toBe(totals.poolSharesCents + totals.directChargesCents + (totals.vatCents ?? 0));
    }), { numRuns: 150 });
  });

  it('refers every credit note to the member’s invoice (or self-billed invoice) of the corrected period, and issues none where there is no such invoice', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { facts, reversals } = factsOf(s);
      const settlement = settlePeriodWithCorrections(facts, reversals);
      fc.pre(settlement.blockers.length === 0);
      const outcome = issue(s, settlement);
      const prior = priorInvoices(s.invoicedBefore);
      for (const draft of outcome.drafts.filter((candidate) => isCreditNote(candidate.kind))) {
        const correctedKind = CORRECTED_KIND[draft.kind as CreditNoteKind];
        const period = EARLIER.find((candidate) => draft.correctsInvoiceId === `${candidate}.${SERIES_OF_KIND[correctedKind]}.${draft.memberId}`);
        const corrected = prior(draft.memberId, period ?? '', correctedKind);
        expect(corrected).not.toBeNull();
        expect(draft.invoiceId).toBe(`2026-03.${draft.series}.${draft.memberId}.${corrected!.invoiceId}`);
        expect(draft.document.correctedInvoice).toEqual({ number: corrected!.number, issueDate: corrected!.issueDate });
      }
      for (const correction of outcome.uninvoicedCorrections) expect(prior(correction.memberId, correction.originalPeriodId, 'INVOICE')).toBeNull();
      // A credit taken back stays on the statement only where no self-billed invoice of its period carried it, under a mandate still given,
      // as the owner's VAT status then decided (a taxed one also needs the VAT number the credit note names).
      for (const correction of outcome.creditsTakenBack ?? []) {
        const owner = MEMBERS.indexOf(correction.ownerMemberId as (typeof MEMBERS)[number]);
        const carried = !ownerSubjectThen(s, correction.originalPeriodId) || (correction.treatment.kind === 'RATE' && hasVatNumber(s, owner));
        expect(s.mandates[owner] && carried && prior(correction.ownerMemberId, correction.originalPeriodId, 'SELF_BILLED_INVOICE') !== null).toBe(false);
      }
      // The VAT taken back from the owner is what it charged then: none under the franchise, the corrected period's rate otherwise.
      for (const correction of (settlement.usageCorrections ?? []).filter((candidate) => candidate.ownerMemberId === 'a')) {
        const charged = ownerSubjectThen(s, correction.originalPeriodId) && correction.treatment.kind === 'RATE';
        expect(correction.ownerVatCents).toBe(charged ? vatOfLineCents(correction.amountCents, correction.treatment) : 0);
      }
    }), { numRuns: 100 });
  });
});
