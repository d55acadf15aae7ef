import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { FinanceQueries } from '../../api/finance/finance-queries.js';
import { statementDocument } from '../../api/finance/statement-document.js';
import { invoiceCii, invoiceUbl } from '../../api/invoicing/e-invoice.js';
import { legalMentions } from '../../api/invoicing/invoice-mentions.js';
import { ledgerCommands, type LedgerCommands } from '../../api/mutua.js';
import { type SettlementLine } from '../../domain/settlement/settle-period.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { formatEuros } from '../../shared/money.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { costsOfPeriod, journalEntries } from '../../projections/finance/finance-reads.js';
import { findInvoiceDocument, type InvoiceView, listInvoices } from '../../projections/invoices/invoices-projection.js';
import { type ReadModels } from '../../projections/tables/read-models.js';
import { brokenRules } from '../support/en16931/business-rules.js';
import { sqliteLedgerForEachTest } from '../support/sqlite-ledger.js';
import { ciiSchemaErrors } from '../support/en16931/cii-schema.js';
import { invoiceToSendText } from '../../web/src/features/finance/invoice-to-send.js';
import { formatMoneyCents } from '../../web/src/shared/format.js';
import { translate } from '../../web/src/shared/i18n/translate.js';

const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'invoices-test' };
const coordinator: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'invoices-test' };
const address = (line: string) => ({ line, postalCode: '44000', city: 'Nantes', countryCode: 'FR' });
const ALWAYS_OPEN = { openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES };
const MARCH = { from: '2026-03-01', to: '2026-04-01' };
const APRIL = { from: '2026-04-01', to: '2026-05-01' };

describe('invoices issued at a close', () => {
  let store: SqliteEventStore;
  let readModels: ReadModels;
  let commands: LedgerCommands;
  let now = new Date('2026-04-02T09:00:00Z');
  sqliteLedgerForEachTest('mutua-invoices-', () => now, (ledger) => ({ store, readModels, commands } = ledger));

  /**
   * Three structures: a SCOP subject to VAT, an association without SIRET that gets its invoices by
   * e-mail, and a fablab association whose laser cutter the others use and which gave the pôle a
   * self-billing mandate. Rent, the van and the laser re-invoiced at 20 %
   * (an invoice cannot mix taxed lines with lines outside VAT, EN 16931 BR-O-11).
   */
  async function aPoleThatInvoices() {
    const scop = await commands.members.registerMember(coordinator, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: '73282932000074', vatStatus: 'SUBJECT', joinedOn: '2025-01-01' });
    const association = await commands.members.registerMember(coordinator, { name: 'Les Daurades', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    const fablab = await commands.members.registerMember(coordinator, { name: 'Fablab du Port', legalForm: 'ASSOCIATION', siret: '44306184100047', vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    await commands.invoicingParties.setMemberDetails(treasurer, { memberId: scop.memberId, address: address('3 rue des Tanneurs'), vatNumber: 'FR44732829320', invoiceEmail: null });
    await commands.invoicingParties.setMemberDetails(treasurer, { memberId: association.memberId, address: address('12 quai de la Fosse'), vatNumber: null, invoiceEmail: 'tresorerie@daurades.example' });
    await commands.invoicingParties.setMemberDetails(treasurer, { memberId: fablab.memberId, address: address('1 boulevard Léon Bureau'), vatNumber: null, invoiceEmail: null });
    await commands.invoicingParties.grantMandate(treasurer, { memberId: fablab.memberId, grantedOn: '2026-01-15', reference: 'Mandat signé le 15 janvier 2026', vatOnDebits: false });
    await commands.invoicingParties.setPoleProfile(treasurer, {
      name: 'Pôle Estuaire', address: address('5 rue de la Coopération'), siret: '55210055400013', vatNumber: 'FR96552100554',
      iban: 'FR7630006000011234567890189', paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
    });
    const laser = await commands.resources.registerResource(coordinator, { name: 'Découpe laser', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 2_500, ownerMemberId: fablab.memberId, areaM2: null, ...ALWAYS_OPEN });
    const van = await commands.resources.registerResource(coordinator, { name: 'Camion partagé', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 1_200, ownerMemberId: null, areaM2: null, ...ALWAYS_OPEN });
    const rent = await commands.finance.defineCostPool(treasurer, { name: 'Loyer', accountNumber: '613200', key: { kind: 'EQUAL' }, resourceIds: [] });
    const march = await commands.finance.openPeriod(treasurer, MARCH);
    await commands.finance.vat.setPoleStatus(treasurer, { fromPeriodId: march.periodId, status: 'SUBJECT' });
    await commands.finance.vat.setTreatment(treasurer, { fromPeriodId: march.periodId, target: { kind: 'POOL', poolId: rent.poolId }, treatment: { kind: 'RATE', rateBasisPoints: 2_000 } });
    for (const resource of [van, laser]) {
      await commands.finance.vat.setTreatment(treasurer, { fromPeriodId: march.periodId, target: { kind: 'RESOURCE', resourceId: resource.resourceId }, treatment: { kind: 'RATE', rateBasisPoints: 2_000 } });
    }
    return { scop, association, fablab, laser, van, rent, march };
  }

  const use = (resourceId: string, memberId: string, day: string, hours: number) =>
    commands.usage.recordUsage(coordinator, { resourceId, memberId, start: new Date(`${day}T08:00:00Z`), end: new Date(new Date(`${day}T08:00:00Z`).getTime() + hours * 3_600_000), note: null });

  /** Per member: invoices − credit notes, and self-billed invoices, VAT included. */
  function totalsByMember(invoices: readonly InvoiceView[]) {
    const totals = new Map<string, { charged: number; selfBilled: number }>();
    for (const invoice of invoices) {
      const total = totals.get(invoice.memberId) ?? { charged: 0, selfBilled: 0 };
      if (invoice.kind === 'INVOICE') total.charged += invoice.totalInclTaxCents;
      if (invoice.kind === 'CREDIT_NOTE') total.charged -= invoice.totalInclTaxCents;
      if (invoice.kind === 'SELF_BILLED_INVOICE') total.selfBilled += invoice.totalInclTaxCents;
      totals.set(invoice.memberId, total);
    }
    return totals;
  }

  /** What the close's entries (journal VT) moved on the members' accounts 411, debit positive. */
  async function closeMovementOnMembers(period: { from: string; to: string }): Promise<number> {
    const entries = (await journalEntries(readModels.db, period)).filter((entry) => entry.journal === 'VT');
    return entries.flatMap((entry) => entry.lines).filter((line) => line.auxiliaryNumber !== null)
      .reduce((sum, line) => sum + line.debitCents - line.creditCents, 0);
  }

  it('issues numbered invoices and self-billed invoices that reconcile with the settlement and the postings, valid EN 16931', async () => {
    const { scop, association, fablab, laser, van, rent, march } = await aPoleThatInvoices();
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 100_001, incurredOn: '2026-03-05', label: 'Loyer de mars', reference: 'F-0301' });
    await use(laser.resourceId, scop.memberId, '2026-03-10', 3);
    await use(van.resourceId, association.memberId, '2026-03-11', 2.5);
    await use(laser.resourceId, association.memberId, '2026-03-12', 1);

    const closed = await commands.finance.closePeriod(treasurer, march.periodId);
    const invoices = await listInvoices(readModels.db, { periodId: march.periodId });

    // Every member shares the rent, in the settlement's order of members; the fablab is also credited for its laser cutter, under its mandate.
    const invoiced = (closed.settlement?.lines ?? []).map((line) => line.memberId);
    expect(invoiced.sort()).toEqual([scop.memberId, association.memberId, fablab.memberId].sort());
    expect(invoices.map((invoice) => [invoice.number, invoice.kind, invoice.memberId]).sort()).toEqual([
      ...invoiced.map((memberId, index) => [`FA-2026-00000${index + 1}`, 'INVOICE', memberId]),
      ['AF-2026-000001', 'SELF_BILLED_INVOICE', fablab.memberId],
    ].sort());
    const lines = new Map((closed.settlement?.lines ?? []).map((line: SettlementLine) => [line.memberId, line]));
    for (const [memberId, total] of totalsByMember(invoices)) {
      const line = lines.get(memberId)!;
      expect(total.charged).toBe(line.poolSharesCents + line.directChargesCents + (line.vatCents ?? 0));
      expect(total.selfBilled).toBe(line.creditsCents + (line.creditVatCents ?? 0));
    }
    expect(await closeMovementOnMembers(MARCH)).toBe(invoices.reduce((sum, invoice) => sum + (invoice.kind === 'SELF_BILLED_INVOICE' ? -1 : 1) * invoice.totalInclTaxCents, 0));

    for (const invoice of invoices) {
      const { document } = (await findInvoiceDocument(readModels.db, invoice.invoiceId))!;
      const cii = await invoiceCii(document);
      expect(ciiSchemaErrors(cii)).toEqual([]);
      expect(brokenRules(cii)).toEqual([]);
      expect(brokenRules(await invoiceUbl(document))).toEqual([]);
    }
  });

  it('self-bills an owner subject to VAT with the VAT of its resource, which its balance, the postings (44566) and EN 16931 agree on', async () => {
    const { scop, association, fablab, march } = await aPoleThatInvoices();
    await commands.invoicingParties.grantMandate(treasurer, { memberId: scop.memberId, grantedOn: '2026-02-01', reference: 'Mandat signé le 1er février 2026', vatOnDebits: true });
    const press = await commands.resources.registerResource(coordinator, { name: 'Presse à chaud', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 3_333, ownerMemberId: scop.memberId, areaM2: null, ...ALWAYS_OPEN });
    await commands.finance.vat.setTreatment(treasurer, { fromPeriodId: march.periodId, target: { kind: 'RESOURCE', resourceId: press.resourceId }, treatment: { kind: 'RATE', rateBasisPoints: 2_000 } });
    await use(press.resourceId, association.memberId, '2026-03-10', 1.5);
    await use(press.resourceId, fablab.memberId, '2026-03-11', 2);

    const closed = await commands.finance.closePeriod(treasurer, march.periodId);
    const line = closed.settlement!.lines.find((candidate) => candidate.memberId === scop.memberId)!;
    // 1 h 30 and 2 h at 33,33 €: 49,995 € rounds to 50,00 €, 66,66 €; the VAT of the one line is 20 % of 116,66 €.
    expect([line.creditsCents, line.creditVatCents]).toEqual([11_666, 2_333]);
    expect(line.balanceCents).toBe(line.poolSharesCents + line.directChargesCents + (line.vatCents ?? 0) - 11_666 - 2_333);
    const invoices = await listInvoices(readModels.db, { periodId: march.periodId });
    const selfBilled = invoices.find((invoice) => invoice.kind === 'SELF_BILLED_INVOICE' && invoice.memberId === scop.memberId)!;
    expect([selfBilled.totalExclTaxCents, selfBilled.vatCents, selfBilled.totalInclTaxCents]).toEqual([11_666, 2_333, 13_999]);
    expect(await closeMovementOnMembers(MARCH)).toBe(invoices.reduce((sum, invoice) => sum + (invoice.kind === 'SELF_BILLED_INVOICE' ? -1 : 1) * invoice.totalInclTaxCents, 0));
    const closeLines = (await journalEntries(readModels.db, MARCH)).filter((entry) => entry.journal === 'VT').flatMap((entry) => entry.lines);
    expect(closeLines.filter((posting) => posting.accountNumber === '445660').reduce((sum, posting) => sum + posting.debitCents - posting.creditCents, 0)).toBe(2_333);

    const { document } = (await findInvoiceDocument(readModels.db, selfBilled.invoiceId))!;
    expect(document.seller).toMatchObject({ name: 'Coop Bâtisseurs', vatNumber: 'FR44732829320' });
    expect(document.lines.map((invoiceLine) => invoiceLine.vat)).toEqual([{ category: 'S', ratePercent: 20 }]);
    // The SCOP opted for VAT on debits with its mandate, the pôle did not: the SCOP's option is the one its invoice states.
    expect(document.vatOnDebits).toBe(true);
    expect(legalMentions(document)).toContain("Option pour le paiement de la taxe d'après les débits.");
    const cii = await invoiceCii(document);
    expect(cii).toContain("Option pour le paiement de la taxe d'après les débits.");
    expect(ciiSchemaErrors(cii)).toEqual([]);
    expect(brokenRules(cii)).toEqual([]);
    expect(brokenRules(await invoiceUbl(document))).toEqual([]);
  });

  it('asks an owner self-billed its taxed press, on its statement, to invoice the pôle its exempt kiln', async () => {
    const { scop, association, march } = await aPoleThatInvoices();
    await commands.invoicingParties.grantMandate(treasurer, { memberId: scop.memberId, grantedOn: '2026-02-01', reference: 'Mandat signé le 1er février 2026', vatOnDebits: false });
    const owned = (name: string) => commands.resources.registerResource(coordinator, { name, kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 2_000, ownerMemberId: scop.memberId, areaM2: null, ...ALWAYS_OPEN });
    const [press, kiln] = [await owned('Presse à chaud'), await owned('Four céramique')];
    const treat = (resourceId: string, treatment: Parameters<LedgerCommands['finance']['vat']['setTreatment']>[1]['treatment']) =>
      commands.finance.vat.setTreatment(treasurer, { fromPeriodId: march.periodId, target: { kind: 'RESOURCE', resourceId }, treatment });
    await treat(press.resourceId, { kind: 'RATE', rateBasisPoints: 2_000 });
    await treat(kiln.resourceId, { kind: 'EXEMPT', exemption: 'ART_261_D' });
    await use(press.resourceId, association.memberId, '2026-03-10', 2);
    await use(kiln.resourceId, association.memberId, '2026-03-11', 3);
    await commands.finance.closePeriod(treasurer, march.periodId);

    const statement = await new FinanceQueries(readModels, commands.finance).statement(treasurer.actor, scop.memberId, march.periodId);
    // The press's 40,00 € and its 8,00 € of VAT are self-billed; the kiln's 60,00 € are left to the SCOP to invoice.
    expect(statement.invoices.filter((invoice) => invoice.kind === 'SELF_BILLED_INVOICE').map((invoice) => [invoice.totalExclTaxCents, invoice.vatCents])).toEqual([[4_000, 800]]);
    const { notes } = statementDocument(statement, { name: 'Pôle Estuaire', address: null, siren: null });
    expect(notes.filter((note) => note.includes('adressez-lui votre facture'))).toEqual([
      `Le pôle vous doit aussi ${formatEuros(6_000)} hors taxes pour l’usage de celles de vos ressources que l’autofacture ne porte pas (sans taux de TVA pour la période) : adressez-lui votre facture de ce montant.`,
    ]);
  });

  it('tells an owner whose mandate could self-bill none of its resources why, on its statement and in « Ma structure » alike', async () => {
    const { scop, association, march } = await aPoleThatInvoices();
    await commands.invoicingParties.grantMandate(treasurer, { memberId: scop.memberId, grantedOn: '2026-02-01', reference: 'Mandat signé le 1er février 2026', vatOnDebits: false });
    const kiln = await commands.resources.registerResource(coordinator, { name: 'Four céramique', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 2_000, ownerMemberId: scop.memberId, areaM2: null, ...ALWAYS_OPEN });
    await commands.finance.vat.setTreatment(treasurer, { fromPeriodId: march.periodId, target: { kind: 'RESOURCE', resourceId: kiln.resourceId }, treatment: { kind: 'EXEMPT', exemption: 'ART_261_D' } });
    await use(kiln.resourceId, association.memberId, '2026-03-11', 3);
    await commands.finance.closePeriod(treasurer, march.periodId);

    const statement = await new FinanceQueries(readModels, commands.finance).statement(treasurer.actor, scop.memberId, march.periodId);
    expect(statement.invoices.filter((invoice) => invoice.kind === 'SELF_BILLED_INVOICE')).toEqual([]);
    expect(statement.invoiceToSend).toEqual({ creditsCents: 6_000, creditVatCents: 0, reason: 'VAT_NOT_CARRIED', besideSelfBilledInvoice: false, mandateHeld: true });
    const note = statementDocument(statement, { name: 'Pôle Estuaire', address: null, siren: null }).notes.at(-1);
    expect(note).toContain('que votre mandat d’autofacturation ne lui permet pas d’autofacturer');
    expect(note).not.toContain('donnez-lui un mandat');
    // « Ma structure » reads the same `invoiceToSend` through GraphQL and prints the statement's sentence.
    const web = invoiceToSendText(statement.invoiceToSend!, (key, params) => translate('fr', key, params), (cents) => formatMoneyCents(cents, 'fr'));
    expect(web).toBe(note);
  });

  it('does not blame the mandate of an owner when the close issued no document (the pôle’s invoicing identity not set)', async () => {
    const owner = await commands.members.registerMember(coordinator, { name: 'Fablab du Port', legalForm: 'ASSOCIATION', siret: '44306184100047', vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    const user = await commands.members.registerMember(coordinator, { name: 'Les Daurades', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    await commands.invoicingParties.grantMandate(treasurer, { memberId: owner.memberId, grantedOn: '2026-01-15', reference: null, vatOnDebits: false });
    const laser = await commands.resources.registerResource(coordinator, { name: 'Découpe laser', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 2_500, ownerMemberId: owner.memberId, areaM2: null, ...ALWAYS_OPEN });
    const march = await commands.finance.openPeriod(treasurer, MARCH);
    await use(laser.resourceId, user.memberId, '2026-03-10', 2);
    await commands.finance.closePeriod(treasurer, march.periodId);

    const statement = await new FinanceQueries(readModels, commands.finance).statement(treasurer.actor, owner.memberId, march.periodId);
    expect(statement.invoiceToSend).toEqual({ creditsCents: 5_000, creditVatCents: 0, reason: 'NO_MANDATE', besideSelfBilledInvoice: false, mandateHeld: true });
    expect(statementDocument(statement, { name: null, address: null, siren: null }).notes.at(-1)).toContain('(votre mandat d’autofacturation vaut pour les clôtures suivantes)');
  });

  it('issues a credit note on the corrected period’s invoice when a later period reverses one of its costs', async () => {
    const { scop, rent, march } = await aPoleThatInvoices();
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 90_000, incurredOn: '2026-03-05', label: 'Loyer de mars', reference: null });
    const [marchRent] = await costsOfPeriod(readModels.db, march.periodId);
    await commands.finance.closePeriod(treasurer, march.periodId);
    now = new Date('2026-05-04T09:00:00Z');
    const april = await commands.finance.openPeriod(treasurer, APRIL);
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 60_000, incurredOn: '2026-04-05', label: 'Loyer d’avril', reference: null });
    await commands.finance.reverseCost(treasurer, { costId: marchRent!.costId, reason: 'Loyer de mars facturé deux fois', reversedOn: '2026-04-20' });
    await commands.finance.closePeriod(treasurer, april.periodId);

    const marchInvoice = (await listInvoices(readModels.db, { periodId: march.periodId, memberId: scop.memberId }))[0]!;
    const aprilDocuments = await listInvoices(readModels.db, { periodId: april.periodId, memberId: scop.memberId });
    const creditNote = aprilDocuments.find((invoice) => invoice.kind === 'CREDIT_NOTE')!;
    // One credit note per structure sharing the rent, numbered in the credit notes' own series.
    const creditNotes = (await listInvoices(readModels.db, { periodId: april.periodId })).filter((invoice) => invoice.kind === 'CREDIT_NOTE');
    expect(creditNotes.map((invoice) => invoice.number).sort()).toEqual(['AV-2026-000001', 'AV-2026-000002', 'AV-2026-000003']);
    expect(creditNote.correctsInvoiceId).toBe(marchInvoice.invoiceId);
    // A third of the refund, 20 % VAT on it; the April invoice bills April's rent alone.
    expect(creditNote.totalExclTaxCents).toBe(30_000);
    expect(creditNote.vatCents).toBe(6_000);
    expect(aprilDocuments.find((invoice) => invoice.kind === 'INVOICE')?.totalExclTaxCents).toBe(20_000);
    const { document } = (await findInvoiceDocument(readModels.db, creditNote.invoiceId))!;
    expect(document.correctedInvoice).toEqual({ number: marchInvoice.number, issueDate: marchInvoice.issuedOn });
    expect(brokenRules(await invoiceUbl(document))).toEqual([]);
  });

  it('credits a late reversal at the VAT the corrected invoice charged, when the pool’s treatment changed since', async () => {
    const { scop, rent, march } = await aPoleThatInvoices();
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 90_000, incurredOn: '2026-03-05', label: 'Loyer de mars', reference: null });
    const [marchRent] = await costsOfPeriod(readModels.db, march.periodId);
    await commands.finance.closePeriod(treasurer, march.periodId);
    now = new Date('2026-05-04T09:00:00Z');
    const april = await commands.finance.openPeriod(treasurer, APRIL);
    // From April, the rent is let bare and exempt (CGI art. 261 D): March's invoice charged 20 %.
    await commands.finance.vat.setTreatment(treasurer, { fromPeriodId: april.periodId, target: { kind: 'POOL', poolId: rent.poolId }, treatment: { kind: 'EXEMPT', exemption: 'ART_261_D' } });
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 60_000, incurredOn: '2026-04-05', label: 'Loyer d’avril', reference: null });
    await commands.finance.reverseCost(treasurer, { costId: marchRent!.costId, reason: 'Loyer de mars facturé deux fois', reversedOn: '2026-04-20' });
    const closed = await commands.finance.closePeriod(treasurer, april.periodId);

    const marchInvoice = (await listInvoices(readModels.db, { periodId: march.periodId, memberId: scop.memberId }))[0]!;
    expect([marchInvoice.totalExclTaxCents, marchInvoice.vatCents]).toEqual([30_000, 6_000]);
    const aprilDocuments = await listInvoices(readModels.db, { periodId: april.periodId, memberId: scop.memberId });
    const creditNote = aprilDocuments.find((invoice) => invoice.kind === 'CREDIT_NOTE')!;
    const aprilInvoice = aprilDocuments.find((invoice) => invoice.kind === 'INVOICE')!;
    // The credit note gives back the third of March's rent with the 20 % VAT charged on it; April's rent is exempt.
    expect([creditNote.totalExclTaxCents, creditNote.vatCents]).toEqual([30_000, 6_000]);
    expect([aprilInvoice.totalExclTaxCents, aprilInvoice.vatCents]).toEqual([20_000, 0]);
    const { document } = (await findInvoiceDocument(readModels.db, creditNote.invoiceId))!;
    expect(document.lines.map((line) => line.vat)).toEqual([{ category: 'S', ratePercent: 20 }]);
    expect(brokenRules(await invoiceUbl(document))).toEqual([]);
    // The balance, the postings and the documents agree: April's VAT is −60,00 € for the SCOP.
    const line = closed.settlement!.lines.find((candidate) => candidate.memberId === scop.memberId)!;
    expect(line.vatCents ?? 0).toBe(aprilInvoice.vatCents - creditNote.vatCents);
    const invoices = await listInvoices(readModels.db, { periodId: april.periodId });
    expect(await closeMovementOnMembers(APRIL)).toBe(invoices.reduce((sum, invoice) => sum + (invoice.kind === 'INVOICE' ? 1 : -1) * invoice.totalInclTaxCents, 0));
  });

  it('credits a late reversal under the franchise its corrected invoice carried, once the pôle has become subject to VAT', async () => {
    const { scop, rent, march } = await aPoleThatInvoices();
    // In March the pôle was still under the franchise (CGI art. 293 B); it is subject to VAT from April.
    await commands.finance.vat.setPoleStatus(treasurer, { fromPeriodId: march.periodId, status: 'NOT_SUBJECT' });
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 90_000, incurredOn: '2026-03-05', label: 'Loyer de mars', reference: null });
    const [marchRent] = await costsOfPeriod(readModels.db, march.periodId);
    await commands.finance.closePeriod(treasurer, march.periodId);
    now = new Date('2026-05-04T09:00:00Z');
    const april = await commands.finance.openPeriod(treasurer, APRIL);
    await commands.finance.vat.setPoleStatus(treasurer, { fromPeriodId: april.periodId, status: 'SUBJECT' });
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 60_000, incurredOn: '2026-04-05', label: 'Loyer d’avril', reference: null });
    await commands.finance.reverseCost(treasurer, { costId: marchRent!.costId, reason: 'Loyer de mars facturé deux fois', reversedOn: '2026-04-20' });
    await commands.finance.closePeriod(treasurer, april.periodId);

    const franchise = { category: 'E', exemptionReason: 'TVA non applicable, art. 293 B du CGI', exemptionCode: 'VATEX-FR-FRANCHISE' };
    const marchInvoice = (await listInvoices(readModels.db, { periodId: march.periodId, memberId: scop.memberId }))[0]!;
    expect((await findInvoiceDocument(readModels.db, marchInvoice.invoiceId))!.document.lines.map((line) => line.vat)).toEqual([franchise]);
    const aprilDocuments = await listInvoices(readModels.db, { periodId: april.periodId, memberId: scop.memberId });
    const creditNote = aprilDocuments.find((invoice) => invoice.kind === 'CREDIT_NOTE')!;
    const { document } = (await findInvoiceDocument(readModels.db, creditNote.invoiceId))!;
    // The credit note repeats its invoice's franchise, not « hors du champ de la TVA »; April's rent is taxed at 20 %.
    expect(document.lines.map((line) => line.vat)).toEqual([franchise]);
    expect(legalMentions(document)).toContain('TVA non applicable, art. 293 B du CGI.');
    expect(legalMentions(document).join(' ')).not.toContain('hors du champ');
    const aprilInvoice = (await findInvoiceDocument(readModels.db, aprilDocuments.find((invoice) => invoice.kind === 'INVOICE')!.invoiceId))!.document;
    expect(aprilInvoice.lines.map((line) => line.vat)).toEqual([{ category: 'S', ratePercent: 20 }]);
    expect([...brokenRules(await invoiceUbl(document)), ...brokenRules(await invoiceCii(document))]).toEqual([]);
  });

  it('lists a structure’s documents as an accountant files them: by issue date, then FA, AV, AF, then number', async () => {
    now = new Date('2026-04-02T09:00:00Z');
    const { fablab, association, laser, rent, march } = await aPoleThatInvoices();
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 90_000, incurredOn: '2026-03-05', label: 'Loyer de mars', reference: null });
    await use(laser.resourceId, association.memberId, '2026-03-10', 2);
    const [marchRent] = await costsOfPeriod(readModels.db, march.periodId);
    await commands.finance.closePeriod(treasurer, march.periodId);
    now = new Date('2026-05-04T09:00:00Z');
    const april = await commands.finance.openPeriod(treasurer, APRIL);
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 60_000, incurredOn: '2026-04-05', label: 'Loyer d’avril', reference: null });
    await commands.finance.reverseCost(treasurer, { costId: marchRent!.costId, reason: 'Loyer de mars facturé deux fois', reversedOn: '2026-04-20' });
    await use(laser.resourceId, association.memberId, '2026-04-10', 1);
    await commands.finance.closePeriod(treasurer, april.periodId);

    // The self-billed invoices are numbered in their own series, which the alphabet would put first.
    const listed = (await listInvoices(readModels.db, { memberId: fablab.memberId })).map((invoice) => [invoice.issuedOn, invoice.number.slice(0, 2)]);
    expect(listed).toEqual([['2026-04-02', 'FA'], ['2026-04-02', 'AF'], ['2026-05-04', 'FA'], ['2026-05-04', 'AV'], ['2026-05-04', 'AF']]);
    const numbers = (await listInvoices(readModels.db, { periodId: april.periodId })).map((invoice) => invoice.number);
    expect(numbers).toEqual(['FA-2026-000004', 'FA-2026-000005', 'FA-2026-000006', 'AV-2026-000001', 'AV-2026-000002', 'AV-2026-000003', 'AF-2026-000002']);
  });

  it('refuses to close while a structure to invoice has no address, and says which', async () => {
    const { march, rent } = await aPoleThatInvoices();
    const latecomer = await commands.members.registerMember(coordinator, { name: 'Brasserie Nouvelle', legalForm: 'SAS', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' });
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 40_000, incurredOn: '2026-03-05', label: 'Loyer de mars', reference: null });
    await expect(commands.finance.closePeriod(treasurer, march.periodId)).rejects.toMatchObject({ code: 'INVOICE_PARTY_INCOMPLETE', details: { memberId: latecomer.memberId } });
    const { period, settlement } = await commands.finance.settlementOf(march.periodId);
    expect((await commands.finance.closeRefusalOf(period, settlement))?.message).toContain('Brasserie Nouvelle');
    expect(await listInvoices(readModels.db, {})).toEqual([]);
  });

  it('numbers two periods closed at once without a gap', async () => {
    const { rent } = await aPoleThatInvoices();
    now = new Date('2026-06-02T09:00:00Z');
    const periods = [await commands.finance.openPeriod(treasurer, APRIL), await commands.finance.openPeriod(treasurer, { from: '2026-05-01', to: '2026-06-01' })];
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 30_000, incurredOn: '2026-04-05', label: 'Loyer d’avril', reference: null });
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 30_000, incurredOn: '2026-05-05', label: 'Loyer de mai', reference: null });
    const other = ledgerCommands(store, readModels, () => now);
    await Promise.all([commands.finance.closePeriod(treasurer, periods[0]!.periodId), other.finance.closePeriod(treasurer, periods[1]!.periodId)]);
    const numbers = (await listInvoices(readModels.db, {})).map((invoice) => invoice.number).sort();
    expect(numbers).toEqual(Array.from({ length: 6 }, (_, index) => `FA-2026-00000${index + 1}`));
  });
});
