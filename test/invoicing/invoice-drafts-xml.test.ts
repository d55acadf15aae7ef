import { describe, expect, it } from 'vitest';
import { type InvoiceDocument } from '../../domain/invoicing/invoice-document.js';
import { type InvoiceDraft, invoiceNumber } from '../../domain/invoicing/invoice-draft.js';
import { invoiceDraftsOf } from '../../domain/invoicing/issue-invoices.js';
import { settlePeriodWithCorrections } from '../../domain/settlement/settlement-corrections.js';
import { brokenRules } from '../support/en16931/business-rules.js';
import { ciiSchemaErrors } from '../support/en16931/cii-schema.js';
import { readInvoice } from '../support/en16931/read-invoice.js';
import { LASER, POLE_PROFILE, ROOM, identity, invoicingInput, marchFacts, partiesOf, priorInvoices } from './draft-fixtures.js';
import { cii, ubl } from './generated.js';

/** A draft as the numbering stream will number it: its series, 2026, a sequence. */
function numbered(draft: InvoiceDraft, sequence: number): InvoiceDocument {
  return { ...draft.document, number: invoiceNumber(draft.series, 2026, sequence) };
}

function only(drafts: readonly InvoiceDraft[], invoiceId: string): InvoiceDraft {
  const draft = drafts.find((candidate) => candidate.invoiceId === invoiceId);
  if (!draft) throw new Error(`no draft ${invoiceId}`);
  return draft;
}

const RATE_20 = { kind: 'RATE', rateBasisPoints: 2000 } as const;

/** One draft of each kind and each VAT treatment a close produces, numbered. */
function documents(): Record<string, InvoiceDocument> {
  const subject = invoiceDraftsOf(invoicingInput(
    settlePeriodWithCorrections(marchFacts({
      vat: { pools: { loyer: { kind: 'EXEMPT', exemption: 'ART_261_D' }, rh: RATE_20 }, resources: { [LASER]: RATE_20, [ROOM]: { kind: 'RATE', rateBasisPoints: 550 } } },
      pools: marchFacts().pools.map((pool) => (pool.poolId === 'loyer' ? { ...pool, netCostsCents: 70_000 } : pool)),
    }), [{ poolId: 'loyer', originalPeriodId: '2026-02', amountCents: 30_000 }]),
    { parties: partiesOf([identity('a'), identity('b'), identity('c', { siret: null, invoiceEmail: 'compta@theatre.example' })]), priorInvoiceOf: priorInvoices([['a', '2026-02']]) },
  ));
  const grouping = invoiceDraftsOf(invoicingInput(settlePeriodWithCorrections(marchFacts({
    vat: { pools: { loyer: { kind: 'EXEMPT', exemption: 'ART_261_B' }, rh: { kind: 'EXEMPT', exemption: 'ART_261_B' } }, resources: { [LASER]: { kind: 'EXEMPT', exemption: 'ART_261_B' }, [ROOM]: RATE_20 } },
  }), []), { poleVatStatus: 'COST_SHARING_GROUPING' }));
  const franchise = invoiceDraftsOf(invoicingInput(settlePeriodWithCorrections(marchFacts(), []), { poleVatStatus: 'NOT_SUBJECT' }));
  const outOfScope = invoiceDraftsOf(invoicingInput(settlePeriodWithCorrections(marchFacts(), []), {
    poleVatStatus: 'NOT_SUBJECT', parties: partiesOf([identity('a'), identity('b'), identity('c')], { ...POLE_PROFILE, vatNumber: null }),
  }));
  // `b`'s laser hour of February reversed in March: its owner `a` was self-billed it, under the franchise or at 20 %.
  const lateUse = [{ memberId: 'b', resourceId: LASER, unitMinutes: 60, originalPeriodId: '2026-02' }];
  const selfBilledBefore = priorInvoices([['a', '2026-02', 'SELF_BILLED_INVOICE']]);
  const takenBack = invoiceDraftsOf(invoicingInput(settlePeriodWithCorrections(marchFacts({ lateUsageReversals: lateUse }), []), {
    parties: partiesOf([identity('a'), identity('b'), identity('c')]), priorInvoiceOf: selfBilledBefore,
  }));
  const takenBackAtRate = invoiceDraftsOf(invoicingInput(settlePeriodWithCorrections(marchFacts({
    lateUsageReversals: lateUse, vat: { pools: { loyer: RATE_20, rh: RATE_20 }, resources: { [LASER]: RATE_20, [ROOM]: RATE_20 } },
    members: ['a', 'b', 'c'].map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null, vatStatus: memberId === 'a' ? 'SUBJECT' : 'NOT_SUBJECT' })),
  }), []), { priorInvoiceOf: selfBilledBefore }));
  for (const outcome of [subject, grouping, franchise, outOfScope, takenBack, takenBackAtRate]) expect(outcome.blockers).toEqual([]);
  return {
    'invoice with S 20 %, S 5,5 % and E 261 D': numbered(only(subject.drafts, '2026-03.FA.b'), 1),
    'invoice to a member reached by e-mail': numbered(only(subject.drafts, '2026-03.FA.c'), 2),
    'credit note of a late reversal': numbered(only(subject.drafts, '2026-03.AV.a.2026-02.FA.a'), 1),
    'self-billed invoice under the franchise': numbered(only(subject.drafts, '2026-03.AF.a'), 1),
    'self-billed credit note of a late usage reversal, under the franchise (O)': numbered(only(takenBack.drafts, '2026-03.AA.a.2026-02.AF.a'), 1),
    'self-billed credit note of a late usage reversal, S 20 %': numbered(only(takenBackAtRate.drafts, '2026-03.AA.a.2026-02.AF.a'), 2),
    'invoice of a grouping, E 261 B and S 20 %': numbered(only(grouping.drafts, '2026-03.FA.c'), 3),
    'invoice of a pôle under the franchise, with a VAT number (E, VATEX-FR-FRANCHISE)': numbered(only(franchise.drafts, '2026-03.FA.a'), 4),
    'invoice of a pôle under the franchise, without a VAT number (O)': numbered(only(outOfScope.drafts, '2026-03.FA.a'), 5),
  };
}

describe.each(Object.entries(documents()))('a close’s %s, numbered, as EN 16931 XML', (_name, document) => {
  it('is a UBL and a CII that break no checked business rule, the CII valid against the Factur-X EN 16931 schema', async () => {
    expect(brokenRules(await ubl(document))).toEqual([]);
    const xml = await cii(document);
    expect(ciiSchemaErrors(xml)).toEqual([]);
    expect(brokenRules(xml)).toEqual([]);
  });

  it('says in both syntaxes the number, the totals and the VAT breakdown of the draft', async () => {
    for (const invoice of [readInvoice(await ubl(document)), readInvoice(await cii(document))]) {
      expect(invoice.number).toBe(document.number);
      expect(invoice.breakdown.map((entry) => [entry.category, entry.exemptionCode])).toEqual(document.vatBreakdown.map((entry) => [entry.category, entry.exemptionCode ?? '']));
      expect(invoice.totals.vat).toBe((document.totals.vatCents / 100).toFixed(2));
    }
  });
});

describe('a self-billed invoice, whose seller is the member', () => {
  it('is not issued for a member with neither SIREN nor VAT number, which EN 16931 cannot identify as seller (BR-CO-26): the close says what to complete', async () => {
    const settlement = settlePeriodWithCorrections(marchFacts(), []);
    const parties = (owner: ReturnType<typeof identity>) => partiesOf([owner, identity('b'), identity('c')]);
    // With its SIRET, the franchise owner is self-billed outside the scope of VAT, identified by its SIREN.
    const identified = invoiceDraftsOf(invoicingInput(settlement, { parties: parties(identity('a')) }));
    expect(brokenRules(await ubl(numbered(only(identified.drafts, '2026-03.AF.a'), 1)))).toEqual([]);
    const outcome = invoiceDraftsOf(invoicingInput(settlement, { parties: parties(identity('a', { siret: null, invoiceEmail: 'compta@atelier.example' })) }));
    expect(outcome.drafts.map((draft) => draft.invoiceId)).toEqual(['2026-03.FA.a', '2026-03.FA.b', '2026-03.FA.c']);
    expect(outcome.blockers.map(({ code, memberId }) => ({ code, memberId }))).toEqual([{ code: 'INVOICE_PARTY_INCOMPLETE', memberId: 'a' }]);
    expect(outcome.blockers[0]?.message).toMatch(/ni SIRET ni numéro de TVA.*BR-CO-26/);
  });
});
