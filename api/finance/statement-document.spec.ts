import { describe, expect, it } from 'vitest';
import { invoiceToSendOf, type MandateFacts, selfBilledAmong } from '../../domain/invoicing/credits-left-to-invoice.js';
import { formatEuros } from '../../shared/money.js';
import { type Statement } from './finance-queries.js';
import { statementDocument } from './statement-document.js';

const ISSUER = { name: 'Pôle Estuaire', address: '5 rue de la Coopération, 44000 Nantes', siren: '552100554' };
const PRESS = { resourceId: 'presse', resourceName: 'Presse à chaud', itemCount: 2, unitMinutes: 210, amountCents: 11_666, correctedPeriod: null, givenBackVatCents: 0 };
const KILN = { resourceId: 'four', resourceName: 'Four céramique', itemCount: 1, unitMinutes: 120, amountCents: 4_000, correctedPeriod: null, givenBackVatCents: 0 };
const NO_MANDATE: MandateFacts = { inForceOnCloseDate: false, heldNow: false };

/** The statement with the close's documents, and what they leave to invoice as the statement query finds it. */
function withInvoices(statement: Statement, invoices: Statement['invoices'], mandate: MandateFacts): Statement {
  return { ...statement, invoices, invoiceToSend: invoiceToSendOf(statement.line, selfBilledAmong(invoices), mandate) };
}

/** A closed March statement of a structure subject to VAT whose press others used, with or without VAT on its credits. */
function statementOf(creditVat: boolean): Statement {
  const vat = creditVat ? {
    creditVatCents: 2_333,
    creditVatLines: [{ source: { kind: 'RESOURCE' as const, resourceId: 'presse' }, baseCents: 11_666, treatment: { kind: 'RATE' as const, rateBasisPoints: 2_000 }, mention: 'TVA 20\u00a0%', vatCents: 2_333 }],
  } : {};
  const balanceCents = -11_666 - (creditVat ? 2_333 : 0);
  return {
    member: { memberId: 'scop', name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: '73282932000074', vatStatus: 'SUBJECT', joinedOn: '2025-01-01', leftOn: null },
    period: { periodId: 'mars', from: '2026-03-01', to: '2026-04-01', status: 'CLOSED', closedAt: '2026-04-02T09:00:00Z', settlement: null, digest: null },
    provisional: false,
    openingBalanceCents: 0,
    line: {
      memberId: 'scop', poolSharesCents: 0, directChargesCents: 0, creditsCents: 11_666, paymentsMadeCents: 0, paymentsReceivedCents: 0, balanceCents,
      poolShares: [], directCharges: [], credits: [PRESS], ...vat,
    },
    payments: [],
    closingBalanceCents: balanceCents,
    invoices: [],
    invoiceToSend: null,
    correctionsWithoutCreditNote: [],
  };
}

describe('the statement’s credits', () => {
  it('shows the VAT a subject structure charges the pôle on its credits, in the credits, the summary and the request to invoice', () => {
    const document = statementDocument(withInvoices(statementOf(true), [], NO_MANDATE), ISSUER);
    const credits = document.sections.find((section) => section.heading.startsWith('Crédits'))!;
    expect(credits.columns.at(-1)).toBe('TVA');
    expect(credits.rows).toEqual([['Presse à chaud', '2', expect.any(String), formatEuros(11_666), formatEuros(2_333)]]);
    expect(credits.totalRow).toEqual(['Total des crédits', '', '', formatEuros(11_666), formatEuros(2_333)]);
    const summary = document.sections.find((section) => section.heading === 'Synthèse')!;
    expect(summary.rows).toContainEqual(['− TVA sur les crédits', formatEuros(2_333)]);
    expect(summary.totalRow).toEqual(['Solde de clôture', formatEuros(-13_999)]);
    expect(document.notes.at(-1)).toContain(`${formatEuros(11_666)} hors taxes et ${formatEuros(2_333)} de TVA`);
  });

  it('lays the credits out as before where they carry no VAT', () => {
    const document = statementDocument(statementOf(false), ISSUER);
    const credits = document.sections.find((section) => section.heading.startsWith('Crédits'))!;
    expect(credits.columns).toEqual(['Ressource', 'Nombre', 'Durée × quantité', 'Montant']);
    expect(document.sections.find((section) => section.heading === 'Synthèse')!.rows.map((row) => row[0])).not.toContain('− TVA sur les crédits');
  });
});

describe('the statement’s request to invoice the pôle', () => {
  /** The press taxed at 20 % and self-billed under the mandate; the kiln exempt, which the structure invoices itself. */
  function partlySelfBilled(): Statement {
    const statement = statementOf(true);
    const line = { ...statement.line, credits: [PRESS, KILN], creditsCents: 11_666 + 4_000, balanceCents: statement.line.balanceCents - 4_000 };
    const selfBilled = {
      invoiceId: 'mars.AF.scop', number: 'AF-2026-000001', kind: 'SELF_BILLED_INVOICE' as const, memberId: 'scop', periodId: 'mars', issuedOn: '2026-04-02',
      totalExclTaxCents: 11_666, vatCents: 2_333, totalInclTaxCents: 13_999, correctsInvoiceId: null,
    };
    return withInvoices({ ...statement, line, closingBalanceCents: line.balanceCents }, [selfBilled], { inForceOnCloseDate: true, heldNow: true });
  }

  it('asks a structure self-billed some of its resources to invoice the rest, for the rest only', () => {
    const { notes } = statementDocument(partlySelfBilled(), ISSUER);
    expect(notes).toContain('Documents émis à la clôture : AF-2026-000001 (autofacture).');
    const request = notes.find((note) => note.includes('adressez-lui votre facture'));
    expect(request).toBeDefined();
    expect(request).toContain(`${formatEuros(4_000)} hors taxes`);
    expect(request).not.toContain(formatEuros(2_333));
    expect(request).not.toContain('mandat');
  });

  it('asks nothing of a structure whose credits the self-billed invoice carries whole', () => {
    const statement = statementOf(true);
    const selfBilled = { ...partlySelfBilled().invoices[0]! };
    const notes = statementDocument(withInvoices(statement, [selfBilled], { inForceOnCloseDate: true, heldNow: true }), ISSUER).notes;
    expect(notes.some((note) => /adressez-lui/i.test(note))).toBe(false);
  });

  it('asks a structure without a mandate to invoice all its credits, or to give a mandate for the closes to come', () => {
    const request = statementDocument(withInvoices(statementOf(false), [], NO_MANDATE), ISSUER).notes.at(-1);
    expect(request).toBe(`Le pôle vous doit ${formatEuros(11_666)} hors taxes pour l’usage de vos ressources par d’autres structures : `
      + 'adressez-lui votre facture de ce montant (ou, pour les clôtures suivantes, donnez-lui un mandat d’autofacturation).');
  });

  it('does not ask a structure that gave a mandate since the close to give one', () => {
    const request = statementDocument(withInvoices(statementOf(false), [], { inForceOnCloseDate: false, heldNow: true }), ISSUER).notes.at(-1);
    expect(request).toContain('adressez-lui votre facture de ce montant (votre mandat d’autofacturation vaut pour les clôtures suivantes).');
    expect(request).not.toContain('donnez-lui');
  });

  it('tells a structure subject to VAT whose mandate could self-bill none of its resources why, and to invoice them', () => {
    const mandated = { inForceOnCloseDate: true, heldNow: true };
    const request = statementDocument(withInvoices(statementOf(false), [], mandated), ISSUER).notes.at(-1);
    expect(request).toBe(`Le pôle vous doit ${formatEuros(11_666)} hors taxes pour l’usage de vos ressources par d’autres structures, `
      + 'que votre mandat d’autofacturation ne lui permet pas d’autofacturer : elles sont sans taux de TVA pour la période et votre structure est assujettie à la TVA. '
      + 'Adressez-lui votre facture de ce montant.');
    expect(request).not.toContain('donnez-lui');
    // A mandate revoked since does not change why the close did not self-bill.
    expect(statementDocument(withInvoices(statementOf(false), [], { ...mandated, heldNow: false }), ISSUER).notes.at(-1)).toBe(request);
  });

});
