import { beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { invoiceCii, invoiceUbl } from '../../api/invoicing/e-invoice.js';
import { legalMentions } from '../../api/invoicing/invoice-mentions.js';
import { ledgerCommands, type LedgerCommands } from '../../api/mutua.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { journalEntries } from '../../projections/finance/finance-reads.js';
import { findInvoiceDocument, listInvoices } from '../../projections/invoices/invoices-projection.js';
import { findUsageEntry } from '../../projections/usage/usage-projection.js';
import { type ReadModels } from '../../projections/tables/read-models.js';
import { type EventStore } from '../../eventstore/event-store.js';
import { readWholeLog, verifyEvents } from '../../eventstore/integrity/verify-store.js';
import { FinanceQueries, type Statement } from '../../api/finance/finance-queries.js';
import { statementDocument } from '../../api/finance/statement-document.js';
import { formatEuros } from '../../shared/money.js';
import { brokenRules } from '../support/en16931/business-rules.js';
import { sqliteLedgerForEachTest } from '../support/sqlite-ledger.js';

const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'late-usage-test' };
const coordinator: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'late-usage-test' };
const address = (line: string) => ({ line, postalCode: '44000', city: 'Nantes', countryCode: 'FR' });
const ALWAYS_OPEN = { openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES };
const MARCH = { from: '2026-03-01', to: '2026-04-01' };
const APRIL = { from: '2026-04-01', to: '2026-05-01' };

/**
 * DESIGN.md: once a period is closed « no event dated inside the period is accepted: a correction
 * goes into an open period as a reversal plus a new entry ». A usage entry of a closed period is
 * corrected so, as a cost is: its reversal is dated in the open period, whose settlement gives the
 * charge back, whose close credits it on the corrected period's invoice, and whose postings follow.
 */
describe('reversing a usage entry of a closed period', () => {
  let store: SqliteEventStore;
  let readModels: ReadModels;
  let commands: LedgerCommands;
  let now = new Date('2026-04-02T09:00:00Z');
  beforeEach(() => {
    now = new Date('2026-04-02T09:00:00Z');
  });
  sqliteLedgerForEachTest('mutua-late-usage-', () => now, (ledger) => ({ store, readModels, commands } = ledger));

  /** A SCOP subject to VAT using the pôle's van, re-invoiced at 20 % in March, exempt from April on. */
  async function aSharedVanInMarch() {
    const scop = await commands.members.registerMember(coordinator, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: '73282932000074', vatStatus: 'SUBJECT', joinedOn: '2025-01-01' });
    await commands.invoicingParties.setMemberDetails(treasurer, { memberId: scop.memberId, address: address('3 rue des Tanneurs'), vatNumber: 'FR44732829320', invoiceEmail: null });
    await commands.invoicingParties.setPoleProfile(treasurer, {
      name: 'Pôle Estuaire', address: address('5 rue de la Coopération'), siret: '55210055400013', vatNumber: 'FR96552100554',
      iban: 'FR7630006000011234567890189', paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
    });
    const van = await commands.resources.registerResource(coordinator, { name: 'Camion partagé', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 1_200, ownerMemberId: null, areaM2: null, ...ALWAYS_OPEN });
    const march = await commands.finance.openPeriod(treasurer, MARCH);
    await commands.finance.vat.setPoleStatus(treasurer, { fromPeriodId: march.periodId, status: 'SUBJECT' });
    await commands.finance.vat.setTreatment(treasurer, { fromPeriodId: march.periodId, target: { kind: 'RESOURCE', resourceId: van.resourceId }, treatment: { kind: 'RATE', rateBasisPoints: 2_000 } });
    const use = (day: string, hours: number) =>
      commands.usage.recordUsage(coordinator, { resourceId: van.resourceId, memberId: scop.memberId, start: new Date(`${day}T08:00:00Z`), end: new Date(new Date(`${day}T08:00:00Z`).getTime() + hours * 3_600_000), note: null });
    const doubled = await use('2026-03-10', 5);
    await use('2026-03-12', 5);
    await commands.finance.closePeriod(treasurer, march.periodId);
    return { scop, van, march, doubled, use };
  }

  it('gives the charge back in the open period, on a credit note of the corrected invoice at its VAT, and in the postings', async () => {
    const { scop, van, march, doubled, use } = await aSharedVanInMarch();
    now = new Date('2026-04-20T09:00:00Z');
    const april = await commands.finance.openPeriod(treasurer, APRIL);
    await commands.finance.vat.setTreatment(treasurer, { fromPeriodId: april.periodId, target: { kind: 'RESOURCE', resourceId: van.resourceId }, treatment: { kind: 'EXEMPT', exemption: 'ART_261_D' } });
    await use('2026-04-14', 2);
    // The structure itself may not: its March invoice would get a credit note it granted itself.
    const scopMember: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'MEMBER', memberId: scop.memberId }, correlationId: 'late-usage-test', reason: 'Trajet saisi deux fois' };
    await expect(commands.usage.reverseUsage(scopMember, doubled)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await commands.usage.reverseUsage({ ...coordinator, reason: 'Trajet saisi deux fois' }, doubled);
    expect((await findUsageEntry(readModels.db, doubled))?.reversal?.reason).toBe('Trajet saisi deux fois');

    // March stays as it was closed; April's preview gives back the 5 h charged in March (60,00 €, 12,00 € of VAT).
    const marchSettlement = (await commands.finance.settlementOf(march.periodId)).settlement;
    expect(marchSettlement.lines.find((line) => line.memberId === scop.memberId)?.directChargesCents).toBe(12_000);
    now = new Date('2026-05-04T09:00:00Z');
    const closed = await commands.finance.closePeriod(treasurer, april.periodId);
    const line = closed.settlement!.lines.find((candidate) => candidate.memberId === scop.memberId)!;
    expect(line.directChargesCents).toBe(2_400 - 6_000);
    expect(line.vatCents).toBe(-1_200);
    expect(line.balanceCents).toBe(2_400 - 6_000 - 1_200);

    const marchInvoice = (await listInvoices(readModels.db, { periodId: march.periodId, memberId: scop.memberId }))[0]!;
    const aprilDocuments = await listInvoices(readModels.db, { periodId: april.periodId, memberId: scop.memberId });
    const aprilInvoice = aprilDocuments.find((invoice) => invoice.kind === 'INVOICE')!;
    const creditNote = aprilDocuments.find((invoice) => invoice.kind === 'CREDIT_NOTE')!;
    expect([aprilInvoice.totalExclTaxCents, aprilInvoice.vatCents]).toEqual([2_400, 0]);
    expect([creditNote.totalExclTaxCents, creditNote.vatCents]).toEqual([6_000, 1_200]);
    expect(creditNote.correctsInvoiceId).toBe(marchInvoice.invoiceId);
    const { document } = (await findInvoiceDocument(readModels.db, creditNote.invoiceId))!;
    expect(document.lines).toEqual([expect.objectContaining({ quantity: 5, unitCode: 'HUR', baseCents: 6_000, vat: { category: 'S', ratePercent: 20 } })]);
    // The corrected period is named by its days, not by its id, which means nothing to the member's accountant.
    expect(document.lines[0]!.description).toBe('Camion partagé : contre-passation d\'un usage de la période du 1er mars 2026 au 31 mars 2026');
    expect(brokenRules(await invoiceUbl(document))).toEqual([]);

    // The close's entries move the SCOP's account by what its documents say: the April invoice less the credit note.
    const entries = (await journalEntries(readModels.db, APRIL)).filter((entry) => entry.journal === 'VT');
    const movement = entries.flatMap((entry) => entry.lines).filter((entryLine) => entryLine.auxiliaryNumber !== null)
      .reduce((sum, entryLine) => sum + entryLine.debitCents - entryLine.creditCents, 0);
    expect(movement).toBe(aprilInvoice.totalInclTaxCents - creditNote.totalInclTaxCents);
    expect(movement).toBe(line.balanceCents);
  });

  /**
   * The fablab, with the mandate, owns a laser at 20 % that the SCOP used 5 h in March (one entry
   * of 2 h recorded twice), self-billed in March's close; `fablabVat`, its VAT status and number then.
   */
  async function aLaserSelfBilledInMarch(fablabVat: { vatStatus: 'SUBJECT' | 'NOT_SUBJECT'; vatNumber: string | null }) {
    now = new Date('2026-02-20T09:00:00Z');
    const scop = await commands.members.registerMember(coordinator, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: '73282932000074', vatStatus: 'SUBJECT', joinedOn: '2025-01-01' });
    await commands.invoicingParties.setMemberDetails(treasurer, { memberId: scop.memberId, address: address('3 rue des Tanneurs'), vatNumber: 'FR44732829320', invoiceEmail: null });
    const fablab = await commands.members.registerMember(coordinator, { name: 'Fablab des Rives', legalForm: 'ASSOCIATION', siret: '44306184100047', vatStatus: fablabVat.vatStatus, joinedOn: '2025-01-01' });
    await commands.invoicingParties.setMemberDetails(treasurer, { memberId: fablab.memberId, address: address('8 quai des Machines'), vatNumber: fablabVat.vatNumber, invoiceEmail: null });
    await commands.invoicingParties.grantMandate(treasurer, { memberId: fablab.memberId, grantedOn: '2026-01-05', reference: 'MAND-7', vatOnDebits: false });
    await commands.invoicingParties.setPoleProfile(treasurer, {
      name: 'Pôle Estuaire', address: address('5 rue de la Coopération'), siret: '55210055400013', vatNumber: 'FR96552100554',
      iban: 'FR7630006000011234567890189', paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
    });
    const laser = await commands.resources.registerResource(coordinator, { name: 'Découpe laser', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 3_000, ownerMemberId: fablab.memberId, areaM2: null, ...ALWAYS_OPEN });
    now = new Date('2026-04-02T09:00:00Z');
    const march = await commands.finance.openPeriod(treasurer, MARCH);
    await commands.finance.vat.setPoleStatus(treasurer, { fromPeriodId: march.periodId, status: 'SUBJECT' });
    await commands.finance.vat.setTreatment(treasurer, { fromPeriodId: march.periodId, target: { kind: 'RESOURCE', resourceId: laser.resourceId }, treatment: { kind: 'RATE', rateBasisPoints: 2_000 } });
    const use = (day: string, hours: number) =>
      commands.usage.recordUsage(coordinator, { resourceId: laser.resourceId, memberId: scop.memberId, start: new Date(`${day}T08:00:00Z`), end: new Date(new Date(`${day}T08:00:00Z`).getTime() + hours * 3_600_000), note: null });
    const doubled = await use('2026-03-10', 2);
    await use('2026-03-12', 3);
    await commands.finance.closePeriod(treasurer, march.periodId);
    const selfBilled = (await listInvoices(readModels.db, { periodId: march.periodId, memberId: fablab.memberId })).find((invoice) => invoice.kind === 'SELF_BILLED_INVOICE')!;
    return { fablab, laser, doubled, selfBilled };
  }

  it('takes back a self-billed owner’s credit by a self-billed credit note (AA) on its corrected AF, at the corrected period’s VAT', async () => {
    const { fablab, laser, doubled, selfBilled } = await aLaserSelfBilledInMarch({ vatStatus: 'SUBJECT', vatNumber: 'FR64443061841' });
    expect([selfBilled.totalExclTaxCents, selfBilled.vatCents]).toEqual([15_000, 3_000]);

    now = new Date('2026-04-20T09:00:00Z');
    const april = await commands.finance.openPeriod(treasurer, APRIL);
    await commands.finance.vat.setTreatment(treasurer, { fromPeriodId: april.periodId, target: { kind: 'RESOURCE', resourceId: laser.resourceId }, treatment: { kind: 'EXEMPT', exemption: 'ART_261_D' } });
    await commands.usage.reverseUsage({ ...coordinator, reason: 'Découpe saisie deux fois' }, doubled);
    now = new Date('2026-05-04T09:00:00Z');
    const closed = await commands.finance.closePeriod(treasurer, april.periodId);
    const fablabLine = closed.settlement!.lines.find((candidate) => candidate.memberId === fablab.memberId)!;
    expect([fablabLine.creditsCents, fablabLine.creditVatCents]).toEqual([-6_000, -1_200]);

    const aprilDocuments = await listInvoices(readModels.db, { periodId: april.periodId, memberId: fablab.memberId });
    expect(aprilDocuments.map((invoice) => [invoice.kind, invoice.number])).toEqual([['SELF_BILLED_CREDIT_NOTE', 'AA-2026-000001']]);
    const creditNote = aprilDocuments[0]!;
    expect([creditNote.totalExclTaxCents, creditNote.vatCents, creditNote.correctsInvoiceId]).toEqual([6_000, 1_200, selfBilled.invoiceId]);
    const { document } = (await findInvoiceDocument(readModels.db, creditNote.invoiceId))!;
    // Issued by the pôle in the fablab's name, as the AF it corrects, which it names by number and date.
    expect(document.seller).toMatchObject({ name: 'Fablab des Rives', vatNumber: 'FR64443061841' });
    expect(document.buyer).toMatchObject({ name: 'Pôle Estuaire' });
    expect(document.correctedInvoice).toEqual({ number: selfBilled.number, issueDate: selfBilled.issuedOn });
    // At March's 20 %, which the AF charged, though the laser is exempt in April.
    expect(document.lines).toEqual([{
      description: "Découpe laser : contre-passation d'un usage de la période du 1er mars 2026 au 31 mars 2026",
      quantity: 2, unitCode: 'HUR', baseCents: 6_000, vat: { category: 'S', ratePercent: 20 },
    }]);
    expect(legalMentions(document)).toEqual(expect.arrayContaining([
      'Autofacturation : avoir émis par Pôle Estuaire au nom et pour le compte de Fablab des Rives.',
      `Avoir relatif à la facture n° ${selfBilled.number} du 02/04/2026.`,
    ]));
    const ubl = await invoiceUbl(document);
    expect(brokenRules(ubl)).toEqual([]);
    expect(ubl).toContain('<cbc:CreditNoteTypeCode>261</cbc:CreditNoteTypeCode>');
    const cii = await invoiceCii(document);
    expect(cii).toContain('<ram:TypeCode>261</ram:TypeCode>');
    expect(cii).toContain(`<ram:IssuerAssignedID>${selfBilled.number}</ram:IssuerAssignedID>`);

    // The close's entries move the fablab's account by what its documents say: the credit taken back, with its VAT.
    const entries = (await journalEntries(readModels.db, APRIL)).filter((entry) => entry.journal === 'VT');
    const fablabAccount = entries.flatMap((entry) => entry.lines).filter((entryLine) => entryLine.auxiliaryNumber !== null && entryLine.auxiliaryLabel?.includes('Fablab'));
    expect(fablabAccount.reduce((sum, entryLine) => sum + entryLine.debitCents - entryLine.creditCents, 0)).toBe(creditNote.totalInclTaxCents);
  });

  it('takes back the credit of an owner under the franchise in March at the franchise its AF applied, though it is subject to VAT when the reversal is settled', async () => {
    const { fablab, doubled, selfBilled } = await aLaserSelfBilledInMarch({ vatStatus: 'NOT_SUBJECT', vatNumber: null });
    expect([selfBilled.totalExclTaxCents, selfBilled.vatCents]).toEqual([15_000, 0]);
    now = new Date('2026-04-20T09:00:00Z');
    const april = await commands.finance.openPeriod(treasurer, APRIL);
    // In April the fablab becomes subject to VAT, with its VAT number; the laser stays at 20 %.
    await commands.members.amendMember({ ...coordinator, reason: 'Assujettie à la TVA depuis avril' }, { memberId: fablab.memberId, name: 'Fablab des Rives', siret: '44306184100047', vatStatus: 'SUBJECT' });
    await commands.invoicingParties.setMemberDetails(treasurer, { memberId: fablab.memberId, address: address('8 quai des Machines'), vatNumber: 'FR64443061841', invoiceEmail: null });
    await commands.usage.reverseUsage({ ...coordinator, reason: 'Découpe saisie deux fois' }, doubled);
    now = new Date('2026-05-04T09:00:00Z');
    const closed = await commands.finance.closePeriod(treasurer, april.periodId);

    // The 60,00 € are taken back without VAT: the fablab charged none on them in March.
    const fablabLine = closed.settlement!.lines.find((candidate) => candidate.memberId === fablab.memberId)!;
    expect([fablabLine.creditsCents, fablabLine.creditVatCents ?? 0]).toEqual([-6_000, 0]);
    expect(closed.settlement!.usageCorrections).toEqual([expect.objectContaining({ ownerMemberId: fablab.memberId, ownerVatCents: 0, ownerVatStatus: 'NOT_SUBJECT' })]);
    const [creditNote] = await listInvoices(readModels.db, { periodId: april.periodId, memberId: fablab.memberId });
    expect([creditNote!.kind, creditNote!.totalExclTaxCents, creditNote!.vatCents, creditNote!.correctsInvoiceId]).toEqual(['SELF_BILLED_CREDIT_NOTE', 6_000, 0, selfBilled.invoiceId]);
    const { document } = (await findInvoiceDocument(readModels.db, creditNote!.invoiceId))!;
    // The franchise the AF applied, with the VAT number the fablab now has (E), not April's 20 %.
    expect(document.seller).toMatchObject({ vatNumber: 'FR64443061841' });
    expect(document.lines.map((line) => line.vat)).toEqual([{ category: 'E', exemptionReason: 'TVA non applicable, art. 293 B du CGI', exemptionCode: 'VATEX-FR-FRANCHISE' }]);
    expect(brokenRules(await invoiceUbl(document))).toEqual([]);
  });

  /** The coordination's usage entry of March, March closed on April 2nd, April open. */
  async function aClosedEntryAndApril() {
    const fixture = await aSharedVanInMarch();
    const april = await commands.finance.openPeriod(treasurer, APRIL);
    return { ...fixture, april };
  }

  const withReason = { ...coordinator, reason: 'Trajet saisi deux fois' };

  it('shows on the statement the period’s own usage and, on a row of its own, the closed period’s usage given back, never negative hours', async () => {
    const { scop, doubled, april, use } = await aClosedEntryAndApril();
    now = new Date('2026-04-20T09:00:00Z');
    await use('2026-04-14', 2);
    await commands.usage.reverseUsage(withReason, doubled);
    now = new Date('2026-05-04T09:00:00Z');
    await commands.finance.closePeriod(treasurer, april.periodId);

    const statement = await new FinanceQueries(readModels, commands.finance).statement(treasurer.actor, scop.memberId, april.periodId);
    const charges = statementDocument(statement, { name: 'Pôle Estuaire', address: null, siren: null }).sections.find((section) => section.heading.startsWith('Charges directes'))!;
    expect(charges.rows).toEqual([
      ['Camion partagé', '1', '2 h 00', formatEuros(2_400)],
      ['Camion partagé : contre-passation d’usages de la période du 1er mars 2026 au 31 mars 2026', '1', '5 h 00', formatEuros(-6_000)],
    ]);
    expect(charges.totalRow).toEqual(['Total des charges directes', '', '', formatEuros(2_400 - 6_000)]);
  });

  it('gives back on one row of the owner’s credits what two members’ late reversals take back of one resource and one closed period', async () => {
    // The fablab's laser (30,00 € an hour, no self-billing), used 2 h in March by the SCOP and 3 h by the café, each entry reversed in April.
    now = new Date('2026-02-20T09:00:00Z');
    const register = (name: string, legalForm: 'SCOP' | 'ASSOCIATION', siret: string) =>
      commands.members.registerMember(coordinator, { name, legalForm, siret, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    const scop = await register('Coop Bâtisseurs', 'SCOP', '73282932000074');
    const cafe = await register('Café des Rives', 'ASSOCIATION', '55210055400013');
    const fablab = await register('Fablab des Rives', 'ASSOCIATION', '44306184100047');
    const laser = await commands.resources.registerResource(coordinator, { name: 'Découpe laser', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 3_000, ownerMemberId: fablab.memberId, areaM2: null, ...ALWAYS_OPEN });
    now = new Date('2026-04-02T09:00:00Z');
    const march = await commands.finance.openPeriod(treasurer, MARCH);
    const use = (memberId: string, day: string, hours: number) =>
      commands.usage.recordUsage(coordinator, { resourceId: laser.resourceId, memberId, start: new Date(`${day}T08:00:00Z`), end: new Date(new Date(`${day}T08:00:00Z`).getTime() + hours * 3_600_000), note: null });
    const entries = [await use(scop.memberId, '2026-03-10', 2), await use(cafe.memberId, '2026-03-12', 3)];
    await commands.finance.closePeriod(treasurer, march.periodId);
    now = new Date('2026-04-20T09:00:00Z');
    const april = await commands.finance.openPeriod(treasurer, APRIL);
    for (const entry of entries) await commands.usage.reverseUsage({ ...coordinator, reason: 'Découpe saisie par erreur' }, entry);

    const queries = new FinanceQueries(readModels, commands.finance);
    const rowsOf = (credits: Statement['line']['credits']) => credits.map((row) => ({
      resourceId: row.resourceId, itemCount: row.itemCount, unitMinutes: row.unitMinutes, amountCents: row.amountCents, vatCents: row.givenBackVatCents, corrected: row.correctedPeriod?.periodId,
    }));
    const givenBack = [{ resourceId: laser.resourceId, itemCount: 2, unitMinutes: 300, amountCents: -15_000, vatCents: 0, corrected: march.periodId }];
    // « Ma structure » reads the settlement's line, the statement its own: one row each.
    const [fablabLine] = (await queries.settlement({ ...treasurer.actor, role: 'MEMBER', memberId: fablab.memberId }, april.periodId)).lines;
    expect(rowsOf(fablabLine!.credits)).toEqual(givenBack);
    const statement = await queries.statement(treasurer.actor, fablab.memberId, april.periodId);
    expect(rowsOf(statement.line.credits)).toEqual(givenBack);
    const credits = statementDocument(statement, { name: 'Pôle Estuaire', address: null, siren: null }).sections.find((section) => section.heading.startsWith('Crédits'))!;
    expect(credits.rows).toEqual([['Découpe laser : contre-passation d’usages de la période du 1er mars 2026 au 31 mars 2026', '2', '5 h 00', formatEuros(-15_000)]]);
    // Each user's charges keep their own row, as each is given back on its own invoice.
    for (const [member, hours] of [[scop, 120], [cafe, 180]] as const) {
      expect((await queries.statement(treasurer.actor, member.memberId, april.periodId)).line.directCharges).toEqual([expect.objectContaining({ itemCount: 1, unitMinutes: hours, amountCents: -hours * 50 })]);
    }
  });

  it('never lets a reversal dated in a period into it once its close has settled without it', async () => {
    const { doubled, april } = await aClosedEntryAndApril();
    // Another server, whose clock still reads the last evening of April, holds its append while the treasurer closes April.
    const held = holdingFirstAppend(store);
    const lateServer = ledgerCommands(held.store, readModels, () => new Date('2026-04-30T21:30:00Z'));
    const reversal = lateServer.usage.reverseUsage(withReason, doubled).then(() => 'accepted', (error: { code?: string }) => error.code);
    await held.reached;
    now = new Date('2026-05-01T06:00:00Z');
    const closed = await commands.finance.closePeriod(treasurer, april.periodId);
    held.release();

    // Either the close gave the charge back, or the reversal was refused and the entry still counts: never a reversal nobody credits.
    const outcome = await reversal;
    const givenBack = closed.settlement!.usageCorrections?.reduce((count, correction) => count + correction.itemCount, 0) ?? 0;
    expect({ outcome, givenBack, reversed: (await findUsageEntry(readModels.db, doubled))?.reversal !== null })
      .toEqual(outcome === 'accepted' ? { outcome, givenBack: 1, reversed: true } : { outcome: 'PERIOD_CLOSED', givenBack: 0, reversed: false });
    // Nothing dated in April came after its digest.
    expect((await verifyEvents(readWholeLog(store))).problems).toEqual([]);
  });

  it('reverses an entry once when two servers reverse it at the same time, and gives its charge back once', async () => {
    const { doubled, april } = await aClosedEntryAndApril();
    now = new Date('2026-04-20T09:00:00Z');
    const otherServer = ledgerCommands(store, readModels, () => now);
    const outcomes = await Promise.allSettled([commands.usage.reverseUsage(withReason, doubled), otherServer.usage.reverseUsage(withReason, doubled)]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [(outcome.reason as { code: string }).code] : []))).toEqual(['VALIDATION_FAILED']);
    await expect(commands.usage.reverseUsage(withReason, doubled)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    now = new Date('2026-05-04T09:00:00Z');
    const closed = await commands.finance.closePeriod(treasurer, april.periodId);
    expect(closed.settlement!.usageCorrections?.map((correction) => correction.itemCount)).toEqual([1]);
  });

  it('refuses a reversal on a day no period covers, telling the coordination that the trésorerie opens one first, and leaves the entry counting', async () => {
    const { doubled } = await aSharedVanInMarch();
    now = new Date('2026-04-20T09:00:00Z');
    const refusal = commands.usage.reverseUsage(withReason, doubled);
    await expect(refusal).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(refusal).rejects.toThrow('Aucune période ne couvre le 20 avril 2026 : la trésorerie doit d’abord ouvrir une période qui contient cette date.');
    expect((await findUsageEntry(readModels.db, doubled))?.reversal).toBeNull();
  });

  it('refuses a late reversal without a reason', async () => {
    const { doubled } = await aClosedEntryAndApril();
    now = new Date('2026-04-20T09:00:00Z');
    await expect(commands.usage.reverseUsage({ ...coordinator, reason: '  ' }, doubled)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await findUsageEntry(readModels.db, doubled))?.reversal).toBeNull();
  });
});

/** The store as another server sees it, whose first append waits until `release`: a request caught between its checks and its write. */
function holdingFirstAppend(store: EventStore): { store: EventStore; reached: Promise<void>; release: () => void } {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  const held = new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') {
        return async (...args: Parameters<EventStore['appendToStream']>) => {
          if (first) {
            first = false;
            reach();
            await released;
          }
          return target.appendToStream(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: held, reached, release };
}
