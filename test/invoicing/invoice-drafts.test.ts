import { describe, expect, it } from 'vitest';
import { legalMentions } from '../../api/invoicing/invoice-mentions.js';
import { checkInvoiceDocument } from '../../domain/invoicing/invoice-document.js';
import { creditsLeftToInvoice } from '../../domain/invoicing/credits-left-to-invoice.js';
import { type InvoiceDraft } from '../../domain/invoicing/invoice-draft.js';
import { invoiceDraftsOf } from '../../domain/invoicing/issue-invoices.js';
import { settlePeriodWithCorrections } from '../../domain/settlement/settlement-corrections.js';
import { type PeriodVatFacts } from '../../domain/settlement/settlement-vat.js';
import { type VatTreatment } from '../../shared/vat.js';
import { LASER, POLE_PROFILE, ROOM, identity, invoicingInput, item, marchFacts, partiesOf, monthPeriod, priorInvoices } from './draft-fixtures.js';

const RATE_20: VatTreatment = { kind: 'RATE', rateBasisPoints: 2000 };
const VAT: PeriodVatFacts = {
  pools: { loyer: { kind: 'EXEMPT', exemption: 'ART_261_D' }, rh: RATE_20 },
  resources: { [LASER]: RATE_20, [ROOM]: { kind: 'RATE', rateBasisPoints: 550 } },
};

const draftOf = (drafts: readonly InvoiceDraft[], invoiceId: string) => {
  const draft = drafts.find((candidate) => candidate.invoiceId === invoiceId);
  if (!draft) throw new Error(`no draft ${invoiceId} among ${drafts.map((candidate) => candidate.invoiceId).join(', ')}`);
  return draft;
};

describe('the documents a close issues', () => {
  it('invoices each member its pool shares and the pôle’s resources it used, one line each, with the settlement’s VAT to the cent', () => {
    const settlement = settlePeriodWithCorrections(marchFacts({ vat: VAT }), []);
    const { drafts, blockers, invoiceRequests } = invoiceDraftsOf(invoicingInput(settlement));
    expect(blockers).toEqual([]);
    expect(drafts.map((draft) => draft.invoiceId)).toEqual(['2026-03.FA.a', '2026-03.FA.b', '2026-03.FA.c']);
    const b = draftOf(drafts, '2026-03.FA.b');
    expect(b).toMatchObject({ kind: 'INVOICE', series: 'FA', memberId: 'b', periodId: '2026-03', correctsInvoiceId: null });
    expect(b.document.lines).toEqual([
      { description: 'Quote-part — Loyer', quantity: 1, unitCode: 'C62', baseCents: 33_333, vat: { category: 'E', exemptionReason: 'Exonération de TVA – article 261 D, 2° du CGI', exemptionCode: 'VATEX-FR-CGI261D-2' } },
      { description: 'Quote-part — Poste partagé', quantity: 1, unitCode: 'C62', baseCents: 16_667, vat: { category: 'S', ratePercent: 20 } },
      { description: 'Découpe laser', quantity: 1.5, unitCode: 'HUR', baseCents: 4_500, vat: { category: 'S', ratePercent: 20 } },
    ]);
    expect(b.document).toMatchObject({
      number: '', issueDate: '2026-04-02', dueDate: '2026-05-02', period: { start: '2026-03-01', end: '2026-03-31' },
      seller: { name: POLE_PROFILE.name, siren: '812345678', vatNumber: 'FR47812345678' }, buyer: { name: 'Les Jardins Partagés', isBusiness: true },
      iban: POLE_PROFILE.iban, vatOnDebits: true, latePaymentPenalty: POLE_PROFILE.latePaymentPenalty,
    });
    expect(b.document.paymentTerms).toBe("Paiement à 30 jours, par virement sur le compte indiqué. Pas d'escompte pour paiement anticipé. Pénalités de retard : trois fois le taux d'intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40,00\u00a0€.");
    // 61 minutes are 1,017 hours, to three decimals; the 5,5 % of the room is the settlement's too.
    expect(draftOf(drafts, '2026-03.FA.a').document.lines[2]).toMatchObject({ description: 'Salle de réunion', quantity: 1.017, baseCents: 2_032, vat: { category: 'S', ratePercent: 5.5 } });
    for (const draft of drafts) {
      const line = settlement.lines.find((candidate) => candidate.memberId === draft.memberId)!;
      expect(draft.document.totals).toEqual({ linesCents: line.poolSharesCents + line.directChargesCents, vatCents: line.vatCents, totalWithVatCents: line.poolSharesCents + line.directChargesCents + line.vatCents! });
      expect(checkInvoiceDocument({ ...draft.document, number: 'FA-2026-000001' })).toBeTruthy();
    }
    // `a` is subject to VAT, but the settlement's facts did not say so: no VAT on its credits, it invoices the pôle itself.
    expect(invoiceRequests).toEqual([expect.objectContaining({ memberId: 'a', creditsCents: 4_500, reason: 'VAT_NOT_CARRIED' })]);
  });

  it('self-bills a member under the franchise that gave the mandate, in its name, and asks one without a mandate to invoice', () => {
    const settlement = settlePeriodWithCorrections(marchFacts({ vat: VAT }), []);
    const { drafts } = invoiceDraftsOf(invoicingInput(settlement, { parties: partiesOf([identity('a'), identity('b'), identity('c')]) }));
    const selfBilled = draftOf(drafts, '2026-03.AF.a');
    expect(selfBilled).toMatchObject({ kind: 'SELF_BILLED_INVOICE', series: 'AF', memberId: 'a' });
    expect(selfBilled.document).toMatchObject({ seller: { name: 'Atelier Bois & Cie SCOP' }, buyer: { name: POLE_PROFILE.name }, vatOnDebits: false, totals: { linesCents: 4_500, vatCents: 0 } });
    expect(selfBilled.document.lines).toEqual([
      { description: 'Découpe laser', quantity: 1.5, unitCode: 'HUR', baseCents: 4_500, vat: { category: 'O', exemptionReason: 'TVA non applicable, art. 293 B du CGI', exemptionCode: 'VATEX-EU-O' } },
    ]);
    const withoutMandate = invoiceDraftsOf(invoicingInput(settlement, { parties: partiesOf([identity('a', { selfBillingMandate: null }), identity('b'), identity('c')]) }));
    expect(withoutMandate.drafts.map((draft) => draft.series)).toEqual(['FA', 'FA', 'FA']);
    expect(withoutMandate.invoiceRequests).toEqual([{
      memberId: 'a', memberName: 'Atelier Bois & Cie SCOP', creditsCents: 4_500, creditVatCents: 0, reason: 'NO_MANDATE',
      message: "Le pôle doit 45,00\u00a0€ à « Atelier Bois & Cie SCOP » pour l'usage de ses ressources : sans mandat d'autofacturation, le membre adresse sa facture au pôle.",
    }]);
  });

  it('self-bills a member subject to VAT at its resource’s rate, with its VAT number; asks it to invoice where the resource has no rate', () => {
    const subjectA = marchFacts().members.map((member) => (member.memberId === 'a' ? { ...member, vatStatus: 'SUBJECT' as const } : member));
    const settlement = settlePeriodWithCorrections(marchFacts({ vat: { ...VAT, poleDeductsVat: true }, members: subjectA }), []);
    const a = settlement.lines.find((line) => line.memberId === 'a')!;
    expect([a.creditsCents, a.creditVatCents]).toEqual([4_500, 900]);
    const { drafts, blockers, invoiceRequests } = invoiceDraftsOf(invoicingInput(settlement));
    expect([blockers, invoiceRequests]).toEqual([[], []]);
    const selfBilled = draftOf(drafts, '2026-03.AF.a');
    expect(selfBilled.document).toMatchObject({ seller: { name: 'Atelier Bois & Cie SCOP', vatNumber: 'FR90523456777' }, totals: { linesCents: 4_500, vatCents: 900, totalWithVatCents: 5_400 } });
    expect(selfBilled.document.lines).toEqual([{ description: 'Découpe laser', quantity: 1.5, unitCode: 'HUR', baseCents: 4_500, vat: { category: 'S', ratePercent: 20 } }]);
    expect(checkInvoiceDocument({ ...selfBilled.document, number: 'AF-2026-000001' })).toBeTruthy();
    // When its VAT falls due is the member's option, recorded with its mandate (here, on receipt), not the pôle's (on debits).
    expect(legalMentions(selfBilled.document)).toContain("TVA exigible lors de l'encaissement.");
    expect(legalMentions(draftOf(drafts, '2026-03.FA.b').document)).toContain("Option pour le paiement de la taxe d'après les débits.");

    const withoutNumber = invoiceDraftsOf(invoicingInput(settlement, { parties: partiesOf([identity('a', { vatStatus: 'SUBJECT' }), identity('b'), identity('c')]) }));
    expect(withoutNumber.blockers.map((blocker) => [blocker.code, blocker.memberId])).toEqual([['INVOICE_PARTY_INCOMPLETE', 'a']]);
    expect(withoutNumber.blockers[0]!.message).toMatch(/numéro de TVA intracommunautaire/);

    const untaxed = settlePeriodWithCorrections(marchFacts({ vat: { ...VAT, resources: { ...VAT.resources, [LASER]: { kind: 'EXEMPT', exemption: 'ART_261_D' } } }, members: subjectA }), []);
    expect(untaxed.lines.find((line) => line.memberId === 'a')!.creditVatCents).toBeUndefined();
    expect(invoiceDraftsOf(invoicingInput(untaxed)).invoiceRequests).toEqual([expect.objectContaining({ memberId: 'a', creditsCents: 4_500, creditVatCents: 0, reason: 'VAT_NOT_CARRIED' })]);
  });

  it('states on a self-billed invoice the VAT option the member recorded with its mandate: débits, or on receipt; nothing without VAT', () => {
    const subjectA = marchFacts().members.map((member) => (member.memberId === 'a' ? { ...member, vatStatus: 'SUBJECT' as const } : member));
    const settlement = settlePeriodWithCorrections(marchFacts({ vat: { ...VAT, poleDeductsVat: true }, members: subjectA }), []);
    const selfBilledOf = (mandate: { grantedOn: string; vatOnDebits: boolean }, overrides = { vatStatus: 'SUBJECT' as const, vatNumber: 'FR90523456777' }) => {
      const parties = partiesOf([identity('a', { ...overrides, selfBillingMandate: mandate }), identity('b'), identity('c')]);
      return draftOf(invoiceDraftsOf(invoicingInput(settlement, { parties })).drafts, '2026-03.AF.a').document;
    };
    // The pôle opted for débits (POLE_PROFILE): the member's own option, not the pôle's, is the one its invoice states.
    const onDebits = selfBilledOf({ grantedOn: '2026-01-05', vatOnDebits: true });
    expect(onDebits.vatOnDebits).toBe(true);
    expect(legalMentions(onDebits)).toContain("Option pour le paiement de la taxe d'après les débits.");
    const onReceipt = selfBilledOf({ grantedOn: '2026-01-05', vatOnDebits: false });
    expect(onReceipt.vatOnDebits).toBe(false);
    expect(legalMentions(onReceipt)).toContain("TVA exigible lors de l'encaissement.");
    expect(legalMentions(onReceipt).join(' ')).not.toMatch(/débits/);

    // Under the franchise its invoice charges no VAT: no mention of when VAT falls due.
    const franchise = settlePeriodWithCorrections(marchFacts({ vat: VAT }), []);
    const parties = partiesOf([identity('a', { selfBillingMandate: { grantedOn: '2026-01-05', vatOnDebits: true } }), identity('b'), identity('c')]);
    const untaxed = draftOf(invoiceDraftsOf(invoicingInput(franchise, { parties })).drafts, '2026-03.AF.a').document;
    expect(untaxed.totals.vatCents).toBe(0);
    expect(legalMentions(untaxed).join(' ')).not.toMatch(/encaissement|débits/);
  });

  it('self-bills a subject owner its taxed resource and asks it, in the same close, to invoice the pôle its resource without a rate', () => {
    const subjectA = marchFacts().members.map((member) => (member.memberId === 'a' ? { ...member, vatStatus: 'SUBJECT' as const } : member));
    const facts = marchFacts({
      vat: { ...VAT, resources: { [LASER]: RATE_20, [ROOM]: { kind: 'EXEMPT', exemption: 'ART_261_D' } }, poleDeductsVat: true }, members: subjectA,
      items: [item('b', LASER, 90), item('c', ROOM, 150)],
      resources: [{ resourceId: LASER, hourlyRateCents: 3_000, ownerMemberId: 'a' }, { resourceId: ROOM, hourlyRateCents: 1_999, ownerMemberId: 'a' }],
    });
    const settlement = settlePeriodWithCorrections(facts, []);
    const a = settlement.lines.find((line) => line.memberId === 'a')!;
    expect([a.creditsCents, a.creditVatCents]).toEqual([4_500 + 4_998, 900]);
    const { drafts, blockers, invoiceRequests } = invoiceDraftsOf(invoicingInput(settlement));
    expect(blockers).toEqual([]);
    const selfBilled = draftOf(drafts, '2026-03.AF.a');
    expect(selfBilled.document.lines.map((line) => line.description)).toEqual(['Découpe laser']);
    expect(selfBilled.document.totals).toEqual({ linesCents: 4_500, vatCents: 900, totalWithVatCents: 5_400 });
    expect(invoiceRequests).toEqual([expect.objectContaining({ memberId: 'a', creditsCents: 4_998, creditVatCents: 0, reason: 'VAT_NOT_CARRIED' })]);
    expect(creditsLeftToInvoice(a, [{ kind: 'SELF_BILLED_INVOICE', totalExclTaxCents: 4_500, vatCents: 900 }])).toEqual({ creditsCents: 4_998, creditVatCents: 0 });
  });

  it('prints the franchise for a pôle not subject to VAT: category E with VATEX-FR-FRANCHISE with a VAT number, O without', () => {
    const settlement = settlePeriodWithCorrections(marchFacts(), []);
    const withNumber = invoiceDraftsOf(invoicingInput(settlement, { poleVatStatus: 'NOT_SUBJECT' }));
    expect(withNumber.drafts[0]!.document.vatBreakdown).toEqual([{ category: 'E', ratePercent: 0, baseCents: 52_033, vatCents: 0, exemptionReason: 'TVA non applicable, art. 293 B du CGI', exemptionCode: 'VATEX-FR-FRANCHISE' }]);
    const withoutNumber = invoiceDraftsOf(invoicingInput(settlement, { poleVatStatus: 'NOT_SUBJECT', parties: partiesOf([identity('a'), identity('b'), identity('c')], { ...POLE_PROFILE, vatNumber: null }) }));
    expect(withoutNumber.blockers).toEqual([]);
    expect(withoutNumber.drafts.every((draft) => draft.document.lines.every((line) => line.vat.category === 'O'))).toBe(true);
  });

  it('blocks the close where a subject pôle’s invoice would mix lines without VAT and taxed ones (EN 16931 BR-O-11)', () => {
    const settlement = settlePeriodWithCorrections(marchFacts({ vat: { pools: { rh: RATE_20 }, resources: {} } }), []);
    const { drafts, blockers } = invoiceDraftsOf(invoicingInput(settlement));
    expect(drafts).toEqual([]);
    expect(blockers.map((blocker) => [blocker.code, blocker.memberId])).toEqual([['INVOICE_VAT_INCONSISTENT', 'a'], ['INVOICE_VAT_INCONSISTENT', 'b'], ['INVOICE_VAT_INCONSISTENT', 'c']]);
    expect(blockers[0]!.message).toMatch(/^La facture de « Atelier Bois & Cie SCOP » mêlerait des lignes sans TVA/);
    const twoExemptions = settlePeriodWithCorrections(marchFacts({ vat: { ...VAT, pools: { ...VAT.pools, rh: { kind: 'EXEMPT', exemption: 'ART_261_B' } } } }), []);
    expect(invoiceDraftsOf(invoicingInput(twoExemptions)).blockers.map((blocker) => blocker.code)).toEqual(['INVOICE_VAT_INCONSISTENT', 'INVOICE_VAT_INCONSISTENT', 'INVOICE_VAT_INCONSISTENT']);
  });

  it('blocks the close on a member to invoice without an address, or without SIRET nor invoicing e-mail; an e-mail is enough', () => {
    const settlement = settlePeriodWithCorrections(marchFacts({ vat: VAT }), []);
    const parties = partiesOf([identity('a', { address: null }), identity('b', { siret: null, invoiceEmail: null }), identity('c', { siret: null, invoiceEmail: 'compta@theatre.example' })]);
    const { drafts, blockers } = invoiceDraftsOf(invoicingInput(settlement, { parties }));
    expect(blockers).toEqual([
      { code: 'INVOICE_PARTY_INCOMPLETE', memberId: 'a', memberName: 'Atelier Bois & Cie SCOP', message: 'La structure « Atelier Bois & Cie SCOP » doit être facturée, mais il manque son adresse postale. Complétez son identité de facturation avant de clôturer.' },
      {
        code: 'INVOICE_PARTY_INCOMPLETE', memberId: 'b', memberName: 'Les Jardins Partagés',
        message: 'La structure « Les Jardins Partagés » doit être facturée, mais il manque son SIRET ou un e-mail de facturation. Complétez son identité de facturation avant de clôturer.',
      },
    ]);
    expect(drafts.map((draft) => draft.invoiceId)).toEqual(['2026-03.FA.c']);
    expect(drafts[0]!.document.buyer).toMatchObject({ email: 'compta@theatre.example' });
  });

  it('issues nothing, and blocks nothing, for a pôle without an invoicing profile', () => {
    const settlement = settlePeriodWithCorrections(marchFacts({ vat: VAT }), []);
    expect(invoiceDraftsOf(invoicingInput(settlement, { parties: partiesOf([], null) }))).toEqual({ drafts: [], blockers: [], invoiceRequests: [], uninvoicedCorrections: [] });
  });
});

describe('a correction of a closed period', () => {
  const lateRent = [{ poolId: 'loyer', originalPeriodId: '2026-02', amountCents: 30_000 }];
  const facts = marchFacts({ vat: { ...VAT, pools: { loyer: RATE_20, rh: RATE_20 } }, pools: marchFacts().pools.map((pool) => (pool.poolId === 'loyer' ? { ...pool, netCostsCents: 70_000 } : pool)) });

  it('invoices the period’s own costs and credits the refund by a credit note on each member’s invoice of the corrected period', () => {
    const settlement = settlePeriodWithCorrections(facts, lateRent);
    const { drafts, uninvoicedCorrections } = invoiceDraftsOf(invoicingInput(settlement, { priorInvoiceOf: priorInvoices([['a', '2026-02'], ['b', '2026-02']]) }));
    expect(drafts.map((draft) => draft.invoiceId)).toEqual(['2026-03.FA.a', '2026-03.AV.a.2026-02.FA.a', '2026-03.FA.b', '2026-03.AV.b.2026-02.FA.b', '2026-03.FA.c']);
    // The invoice states the rent of March, 1 000,00 € split in three, not 700,00 €.
    expect(draftOf(drafts, '2026-03.FA.a').document.lines[0]).toMatchObject({ description: 'Quote-part — Loyer', baseCents: 33_334 });
    const creditNote = draftOf(drafts, '2026-03.AV.a.2026-02.FA.a');
    expect(creditNote).toMatchObject({ kind: 'CREDIT_NOTE', series: 'AV', correctsInvoiceId: '2026-02.FA.a' });
    expect(creditNote.document).toMatchObject({ correctedInvoice: { number: 'FA-2026-000001', issueDate: '2026-03-02' }, dueDate: '2026-04-02' });
    expect(creditNote.document.lines).toEqual([{ description: "Quote-part — Loyer : contre-passation d'un coût de la période du 1er février 2026 au 28 février 2026", quantity: 1, unitCode: 'C62', baseCents: 10_000, vat: { category: 'S', ratePercent: 20 } }]);
    // `c` had no invoice in February: its 100,00 € stay on its statement.
    expect(uninvoicedCorrections).toEqual([expect.objectContaining({ memberId: 'c', poolId: 'loyer', originalPeriodId: '2026-02', amountCents: 10_000, vatCents: 2_000 })]);
    expect(uninvoicedCorrections[0]!.message).toMatch(/sans avoir\.$/);
  });

  it('charges on the invoice the cent a late reversal added to a share through largest-remainder rounding', () => {
    // Usage weights 1, 3 and 10 minutes: 7 cents give a 0, b 2, c 5; the 6 cents left after a 1-cent refund give a 1, b 1, c 4.
    const rounding = marchFacts({
      pools: [{ poolId: 'p', name: 'Fournitures', netCostsCents: 6, key: { kind: 'USAGE', resourceIds: [LASER] } }],
      items: [item('a', LASER, 1), item('b', LASER, 3), item('c', LASER, 10)],
    });
    const settlement = settlePeriodWithCorrections(rounding, [{ poolId: 'p', originalPeriodId: '2026-02', amountCents: 1 }]);
    expect(settlement.corrections?.map((correction) => [correction.memberId, correction.amountCents])).toEqual([['a', -1], ['b', 1], ['c', 1]]);
    const { drafts } = invoiceDraftsOf(invoicingInput(settlement, { priorInvoiceOf: priorInvoices([['b', '2026-02'], ['c', '2026-02']]) }));
    expect(draftOf(drafts, '2026-03.FA.a').document.lines[0]).toMatchObject({ description: 'Quote-part — Fournitures : régularisation (période du 1er février 2026 au 28 février 2026)', baseCents: 1 });
    expect(draftOf(drafts, '2026-03.AV.b.2026-02.FA.b').document.totals.linesCents).toBe(1);
  });

  it('reads the corrected invoice’s « no VAT » as the pôle’s VAT status then had it: the franchise stays the franchise, outside VAT’s scope stays outside', () => {
    const untaxedFebruary = [{ ...lateRent[0]!, treatment: { kind: 'NONE' } as const }];
    const creditNoteVat = (settlement: ReturnType<typeof settlePeriodWithCorrections>, now: 'SUBJECT' | 'NOT_SUBJECT', then: 'SUBJECT' | 'NOT_SUBJECT') => {
      const { drafts } = invoiceDraftsOf(invoicingInput(settlement, {
        poleVatStatus: now, correctedPeriodOf: (periodId) => ({ ...monthPeriod(periodId), poleVatStatus: periodId === '2026-02' ? then : now }), priorInvoiceOf: priorInvoices([['a', '2026-02']]),
      }));
      return draftOf(drafts, '2026-03.AV.a.2026-02.FA.a').document.lines.map((line) => line.vat);
    };
    // February under the franchise, March subject to VAT.
    expect(creditNoteVat(settlePeriodWithCorrections(facts, untaxedFebruary), 'SUBJECT', 'NOT_SUBJECT'))
      .toEqual([{ category: 'E', exemptionReason: 'TVA non applicable, art. 293 B du CGI', exemptionCode: 'VATEX-FR-FRANCHISE' }]);
    // February subject with the rent left outside VAT, March under the franchise.
    expect(creditNoteVat(settlePeriodWithCorrections({ ...facts, vat: undefined }, untaxedFebruary), 'NOT_SUBJECT', 'SUBJECT'))
      .toEqual([{ category: 'O', exemptionReason: 'Opération hors du champ de la TVA', exemptionCode: 'VATEX-EU-O' }]);
  });

  it('keeps each member’s balance: invoice minus credit note is the settlement’s net share with its VAT', () => {
    const settlement = settlePeriodWithCorrections(facts, lateRent);
    const { drafts } = invoiceDraftsOf(invoicingInput(settlement, { priorInvoiceOf: priorInvoices([['a', '2026-02'], ['b', '2026-02'], ['c', '2026-02']]) }));
    for (const line of settlement.lines) {
      const own = drafts.filter((draft) => draft.memberId === line.memberId && draft.kind !== 'SELF_BILLED_INVOICE');
      const signed = own.reduce((total, draft) => total + (draft.kind === 'CREDIT_NOTE' ? -1 : 1) * draft.document.totals.totalWithVatCents, 0);
      expect(signed).toBe(line.poolSharesCents + line.directChargesCents + (line.vatCents ?? 0));
    }
  });
});

describe('an owner’s credit of a closed period taken back by a late usage reversal', () => {
  // `b` used a's laser for an hour in February, reversed in March; the laser was at 5,5 % in February, at 20 % in March.
  const facts = marchFacts({
    vat: VAT,
    members: ['a', 'b', 'c'].map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null, vatStatus: memberId === 'a' ? 'SUBJECT' : 'NOT_SUBJECT' })),
    lateUsageReversals: [{ memberId: 'b', resourceId: LASER, unitMinutes: 60, originalPeriodId: '2026-02', treatment: { kind: 'RATE', rateBasisPoints: 550 } }],
  });
  const settlement = settlePeriodWithCorrections(facts, []);

  it('is given back by a self-billed credit note (AA) on the owner’s self-billed invoice (AF) of that period, in its name, at that period’s VAT', () => {
    const { drafts, blockers, creditsTakenBack } = invoiceDraftsOf(invoicingInput(settlement, { priorInvoiceOf: priorInvoices([['a', '2026-02', 'SELF_BILLED_INVOICE']]) }));
    expect(blockers).toEqual([]);
    expect(creditsTakenBack).toBeUndefined();
    const creditNote = draftOf(drafts, '2026-03.AA.a.2026-02.AF.a');
    expect(creditNote).toMatchObject({ kind: 'SELF_BILLED_CREDIT_NOTE', series: 'AA', memberId: 'a', correctsInvoiceId: '2026-02.AF.a' });
    // In the owner's name, with the VAT option it gave with its mandate (VAT on receipt here).
    expect(creditNote.document).toMatchObject({
      kind: 'SELF_BILLED_CREDIT_NOTE', correctedInvoice: { number: 'AF-2026-000001', issueDate: '2026-03-02' }, dueDate: '2026-04-02', vatOnDebits: false,
      seller: { name: 'Atelier Bois & Cie SCOP', vatNumber: 'FR90523456777' }, buyer: { name: POLE_PROFILE.name },
      totals: { linesCents: 3_000, vatCents: 165, totalWithVatCents: 3_165 },
    });
    expect(creditNote.document.lines).toEqual([{
      description: "Découpe laser : contre-passation d'un usage de la période du 1er février 2026 au 28 février 2026", quantity: 1, unitCode: 'HUR', baseCents: 3_000, vat: { category: 'S', ratePercent: 5.5 },
    }]);
    expect(legalMentions(creditNote.document)).toContain('Autofacturation : avoir émis par Pôle Coopératif du Val au nom et pour le compte de Atelier Bois & Cie SCOP.');
    // The VAT it gives back is the VAT the settlement takes back from the owner.
    expect(creditNote.document.totals.vatCents).toBe(settlement.usageCorrections![0]!.ownerVatCents);
    expect(checkInvoiceDocument({ ...creditNote.document, number: 'AA-2026-000001' })).toBeTruthy();
  });

  it('stays on the owner’s statement where that period had no self-billed invoice, or the owner no longer gives a mandate', () => {
    const withoutAf = invoiceDraftsOf(invoicingInput(settlement, { priorInvoiceOf: priorInvoices([['a', '2026-02', 'INVOICE']]) }));
    const revoked = invoiceDraftsOf(invoicingInput(settlement, {
      parties: partiesOf([identity('a', { vatStatus: 'SUBJECT', vatNumber: 'FR90523456777', selfBillingMandate: null }), identity('b'), identity('c')]),
      priorInvoiceOf: priorInvoices([['a', '2026-02', 'SELF_BILLED_INVOICE']]),
    }));
    for (const { drafts, creditsTakenBack } of [withoutAf, revoked]) {
      expect(drafts.filter((draft) => draft.kind === 'SELF_BILLED_CREDIT_NOTE')).toEqual([]);
      expect(creditsTakenBack).toEqual([expect.objectContaining({ ownerMemberId: 'a', resourceId: LASER, amountCents: 3_000, ownerVatCents: 165 })]);
    }
    expect(withoutAf.creditsTakenBack![0]!.message).toMatch(/du crédit « Découpe laser » de « Atelier Bois & Cie SCOP », qu'aucune autofacture de cette période n'a porté : la reprise figure au relevé, sans avoir d'autofacturation\.$/);
    // The AF of February did carry it: the statement says so, and why no AA gives it back.
    expect(revoked.creditsTakenBack![0]!.message).toMatch(/du crédit « Découpe laser » de « Atelier Bois & Cie SCOP », que l'autofacture AF-2026-000001 a portée ; le mandat d'autofacturation n'étant plus en vigueur, la reprise figure au relevé, sans avoir d'autofacturation\.$/);
  });

  it('is given back at the VAT the AF charged, as the owner’s VAT status then decided it, not its status now', () => {
    // `a` was under the franchise in February (its AF without VAT) and is subject to VAT since; `a` the converse.
    const withOwnerThen = (then: 'SUBJECT' | 'NOT_SUBJECT', now: 'SUBJECT' | 'NOT_SUBJECT') => settlePeriodWithCorrections(marchFacts({
      ...facts, members: facts.members.map((member) => (member.memberId === 'a' ? { ...member, vatStatus: now } : member)),
      lateUsageReversals: facts.lateUsageReversals!.map((reversal) => ({ ...reversal, ownerVatStatus: then })),
    }), []);
    const creditNoteOf = (settlement: ReturnType<typeof withOwnerThen>, now: 'SUBJECT' | 'NOT_SUBJECT') => draftOf(invoiceDraftsOf(invoicingInput(settlement, {
      parties: partiesOf([identity('a', { vatStatus: now, vatNumber: 'FR90523456777' }), identity('b'), identity('c')]),
      priorInvoiceOf: priorInvoices([['a', '2026-02', 'SELF_BILLED_INVOICE']]),
    })).drafts, '2026-03.AA.a.2026-02.AF.a').document;
    const becameSubject = withOwnerThen('NOT_SUBJECT', 'SUBJECT');
    const franchise = creditNoteOf(becameSubject, 'SUBJECT');
    // The franchise, E with its VAT number now on the credit note (the mention is the AF's, whatever E or O it printed).
    expect(franchise.lines.map((line) => line.vat)).toEqual([{ category: 'E', exemptionReason: 'TVA non applicable, art. 293 B du CGI', exemptionCode: 'VATEX-FR-FRANCHISE' }]);
    expect(franchise.totals.vatCents).toBe(0);
    expect(becameSubject.usageCorrections![0]!.ownerVatCents).toBe(0);
    const leftVat = withOwnerThen('SUBJECT', 'NOT_SUBJECT');
    const taxed = creditNoteOf(leftVat, 'NOT_SUBJECT');
    expect(taxed.lines.map((line) => line.vat)).toEqual([{ category: 'S', ratePercent: 5.5 }]);
    expect(taxed.totals.vatCents).toBe(leftVat.usageCorrections![0]!.ownerVatCents);
    expect(taxed.totals.vatCents).toBe(165);
    for (const document of [franchise, taxed]) expect(checkInvoiceDocument({ ...document, number: 'AA-2026-000001' })).toBeTruthy();
  });
});
