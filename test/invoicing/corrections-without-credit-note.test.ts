import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { FinanceQueries } from '../../api/finance/finance-queries.js';
import { statementDocument } from '../../api/finance/statement-document.js';
import { type LedgerCommands } from '../../api/mutua.js';
import { listInvoices } from '../../projections/invoices/invoices-projection.js';
import { type ReadModels } from '../../projections/tables/read-models.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { formatEuros } from '../../shared/money.js';
import { sqliteLedgerForEachTest } from '../support/sqlite-ledger.js';

const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'corrections-on-statement-test' };
const coordinator: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'corrections-on-statement-test' };
const address = (line: string) => ({ line, postalCode: '44000', city: 'Nantes', countryCode: 'FR' });
const ALWAYS_OPEN = { openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES };
const MARCH_DAYS = 'du 1er mars 2026 au 31 mars 2026';
const TAKEN_BACK = `La contre-passation d'un usage de la période ${MARCH_DAYS} reprend ${formatEuros(6_000)} du crédit « Découpe laser » de « Fablab des Rives », `
  + "qu'aucune autofacture de cette période n'a porté : la reprise figure au relevé, sans avoir d'autofacturation.";

/**
 * README « Invoices: what a close issues »: a late reversal's correction that no credit note can
 * carry — the user has no invoice of the corrected period, or the owner's credit was on no
 * self-billed invoice — stays on the statement. The statement and the period's settlement say so,
 * before the close (what it will leave) and after it (what it left).
 */
describe('corrections that no credit note carries', () => {
  let readModels: ReadModels;
  let commands: LedgerCommands;
  let now = new Date('2026-02-20T09:00:00Z');
  sqliteLedgerForEachTest('mutua-corrections-on-statement-', () => now, (ledger) => ({ readModels, commands } = ledger));

  /**
   * The SCOP uses the laser of the fablab, which gave the pôle no self-billing mandate, two hours
   * twice in March (30,00 € an hour, no VAT); March closes on April 2nd, with or without the
   * pôle's invoicing profile; in April the first use, entered twice, is reversed.
   */
  async function aDoubledLaserUseReversedInApril(profileBeforeMarchCloses: boolean) {
    now = new Date('2026-02-20T09:00:00Z');
    const scop = await commands.members.registerMember(coordinator, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: '73282932000074', vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    const fablab = await commands.members.registerMember(coordinator, { name: 'Fablab des Rives', legalForm: 'ASSOCIATION', siret: '44306184100047', vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    for (const [member, line] of [[scop, '3 rue des Tanneurs'], [fablab, '8 quai des Machines']] as const) {
      await commands.invoicingParties.setMemberDetails(treasurer, { memberId: member.memberId, address: address(line), vatNumber: null, invoiceEmail: null });
    }
    const laser = await commands.resources.registerResource(coordinator, { name: 'Découpe laser', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 3_000, ownerMemberId: fablab.memberId, areaM2: null, ...ALWAYS_OPEN });
    const setProfile = () => commands.invoicingParties.setPoleProfile(treasurer, {
      name: 'Pôle Estuaire', address: address('5 rue de la Coopération'), siret: '55210055400013', vatNumber: null,
      iban: 'FR7630006000011234567890189', paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
    });
    if (profileBeforeMarchCloses) await setProfile();
    now = new Date('2026-04-02T09:00:00Z');
    const march = await commands.finance.openPeriod(treasurer, { from: '2026-03-01', to: '2026-04-01' });
    const use = (day: string) => commands.usage.recordUsage(coordinator, {
      resourceId: laser.resourceId, memberId: scop.memberId, start: new Date(`${day}T08:00:00Z`), end: new Date(`${day}T10:00:00Z`), note: null,
    });
    const doubled = await use('2026-03-10');
    await use('2026-03-12');
    await commands.finance.closePeriod(treasurer, march.periodId);
    if (!profileBeforeMarchCloses) await setProfile();
    now = new Date('2026-04-20T09:00:00Z');
    const april = await commands.finance.openPeriod(treasurer, { from: '2026-04-01', to: '2026-05-01' });
    await commands.usage.reverseUsage({ ...coordinator, reason: 'Découpe saisie deux fois' }, doubled);
    return { scop, fablab, march, april };
  }

  it('shows the owner the credit taken back that no self-billed invoice carried, before and after the close, while the user’s credit note carries its own', async () => {
    const { scop, fablab, march, april } = await aDoubledLaserUseReversedInApril(true);
    const queries = new FinanceQueries(readModels, commands.finance);
    const expected = { kind: 'CREDIT_TAKEN_BACK', memberId: fablab.memberId, originalPeriodId: march.periodId, amountCents: 6_000, vatCents: 0, message: TAKEN_BACK };

    // Before the close, the treasurer's preview says what it will leave on the fablab's statement.
    expect((await queries.settlement(treasurer.actor, april.periodId)).correctionsWithoutCreditNote).toEqual([expected]);
    now = new Date('2026-05-04T09:00:00Z');
    await commands.finance.closePeriod(treasurer, april.periodId);

    // The SCOP's March invoice is corrected by a credit note; the fablab, self-billed nothing in March, gets no AA.
    const aprilDocuments = await listInvoices(readModels.db, { periodId: april.periodId });
    expect(aprilDocuments.map((invoice) => [invoice.kind, invoice.memberId])).toEqual([['CREDIT_NOTE', scop.memberId]]);
    expect((await queries.settlement(treasurer.actor, april.periodId)).correctionsWithoutCreditNote).toEqual([expected]);
    const statement = await queries.statement(treasurer.actor, fablab.memberId, april.periodId);
    expect(statement.correctionsWithoutCreditNote).toEqual([expected]);
    expect(statement.line.creditsCents).toBe(-6_000);
    const section = statementDocument(statement, { name: 'Pôle Estuaire', address: null, siren: null }).sections.find((candidate) => candidate.heading.startsWith('Corrections sans avoir'));
    expect(section?.rows).toEqual([[TAKEN_BACK, formatEuros(6_000), formatEuros(0)]]);
    expect((await queries.statement(treasurer.actor, scop.memberId, april.periodId)).correctionsWithoutCreditNote).toEqual([]);

    // A member reads its own only.
    const scopUser = { ...SYSTEM_ACTOR, role: 'MEMBER' as const, memberId: scop.memberId };
    expect((await queries.settlement(scopUser, april.periodId)).correctionsWithoutCreditNote).toEqual([]);
  });

  it('shows the user the reduction of a period the pôle did not invoice yet, and the owner its credit taken back', async () => {
    const { scop, fablab, march, april } = await aDoubledLaserUseReversedInApril(false);
    now = new Date('2026-05-04T09:00:00Z');
    await commands.finance.closePeriod(treasurer, april.periodId);
    expect(await listInvoices(readModels.db, { periodId: april.periodId })).toEqual([]);

    const queries = new FinanceQueries(readModels, commands.finance);
    const scopStatement = await queries.statement(treasurer.actor, scop.memberId, april.periodId);
    expect(scopStatement.line.directChargesCents).toBe(-6_000);
    expect(scopStatement.correctionsWithoutCreditNote).toEqual([{
      kind: 'REDUCTION', memberId: scop.memberId, originalPeriodId: march.periodId, amountCents: 6_000, vatCents: 0,
      message: `La contre-passation d'un usage de la période ${MARCH_DAYS} réduit de ${formatEuros(6_000)} les frais « Découpe laser » de « Coop Bâtisseurs », `
        + "qui n'a pas de facture de cette période à corriger : la réduction figure au relevé, sans avoir.",
    }]);
    expect((await queries.statement(treasurer.actor, fablab.memberId, april.periodId)).correctionsWithoutCreditNote.map((correction) => correction.message)).toEqual([TAKEN_BACK]);
  });
});
