import { describe, expect, it } from 'vitest';
import { type UsageCorrection } from '../settlement/usage-corrections.js';
import { NO_VAT } from '../../shared/vat.js';
import { type CorrectionContext, selfBilledCreditNotes } from './correction-lines.js';
import { type MemberInvoicingIdentity } from './invoicing-parties.js';

const MARCH = { from: '2026-03-01', to: '2026-04-01', poleVatStatus: 'SUBJECT' as const };

const context: CorrectionContext = {
  pole: {
    name: 'Pôle des Deux Rives', address: { line: '1 quai de la Loire', postalCode: '44000', city: 'Nantes', countryCode: 'FR' },
    siret: '73282932000074', vatNumber: 'FR44732829320', iban: null, paymentTermDays: 30, latePaymentPenalty: '3 fois le taux d’intérêt légal', vatOnDebits: false,
  },
  poolNames: new Map(),
  resourceNames: new Map([['salle', 'Salle de réunion']]),
  correctedPeriodOf: () => MARCH,
  priorInvoiceOf: () => ({ invoiceId: 'af-march', number: 'AF-2026-000001', issueDate: '2026-04-02' }),
};

/** The fablab, subject to VAT with a mandate: its AF of March carried only its credits at a rate. */
const fablab: MemberInvoicingIdentity = {
  memberId: 'fablab', name: 'Fablab des Rives', legalForm: 'ASSOCIATION', vatStatus: 'SUBJECT', siret: '73282932000074',
  address: { line: '2 rue du Four', postalCode: '44000', city: 'Nantes', countryCode: 'FR' }, vatNumber: 'FR44732829320', invoiceEmail: null,
  selfBillingMandate: { grantedOn: '2026-01-01', vatOnDebits: false },
};

/** A credit on a resource without VAT then, as a settlement frozen before `ownerVatStatus` was recorded has it. */
const frozenBeforeTheStatus: UsageCorrection = {
  memberId: 'coop', resourceId: 'salle', originalPeriodId: 'period-2026-03', itemCount: 1, unitMinutes: 60, amountCents: 1_200, vatCents: 0,
  treatment: NO_VAT, ownerMemberId: 'fablab', ownerVatCents: 0,
};

describe('a self-billed credit note for a settlement frozen before the owner’s status was recorded with it', () => {
  it('reads the owner’s status as its close did: a subject owner’s credit without VAT stays on the statement, as its AF did not carry it', () => {
    const { notes, onStatement } = selfBilledCreditNotes('fablab', [frozenBeforeTheStatus], fablab, context);
    expect(notes).toEqual([]);
    expect(onStatement.map((credit) => credit.amountCents)).toEqual([1_200]);
  });

  it('follows the status the correction carries when it has one (the corrected period’s)', () => {
    const { notes, onStatement } = selfBilledCreditNotes('fablab', [{ ...frozenBeforeTheStatus, ownerVatStatus: 'NOT_SUBJECT' }], fablab, context);
    expect(onStatement).toEqual([]);
    expect(notes.map((note) => note.lines.map((line) => line.vat.category))).toEqual([['E']]);
  });
});

/** A credit on a resource at 20 % in March, which the fablab, subject to VAT then, charged VAT on: its AF of March carried it. */
const atARate: UsageCorrection = {
  ...frozenBeforeTheStatus, treatment: { kind: 'RATE', rateBasisPoints: 2_000 }, ownerVatCents: 240, ownerVatStatus: 'SUBJECT',
};
const TAKEN_BACK = "La contre-passation d'un usage de la période du 1er mars 2026 au 31 mars 2026 reprend 12,00\u00a0€ du crédit « Salle de réunion » de « Fablab des Rives », ";

describe('a credit taken back that the AF of its period carried, but that no AA can give back now', () => {
  it('says the AF carried it and that the mandate is no longer in force, where the owner revoked it since', () => {
    const { notes, onStatement } = selfBilledCreditNotes('fablab', [atARate], { ...fablab, selfBillingMandate: null }, context);
    expect(notes).toEqual([]);
    expect(onStatement.map((credit) => credit.message)).toEqual([
      `${TAKEN_BACK}que l'autofacture AF-2026-000001 a portée ; le mandat d'autofacturation n'étant plus en vigueur, la reprise figure au relevé, sans avoir d'autofacturation.`,
    ]);
  });

  it('says the AF carried it and that the owner has no VAT number now, where it was subject then', () => {
    const { notes, onStatement } = selfBilledCreditNotes('fablab', [atARate], { ...fablab, vatNumber: null }, context);
    expect(notes).toEqual([]);
    expect(onStatement.map((credit) => credit.message)).toEqual([
      `${TAKEN_BACK}que l'autofacture AF-2026-000001 a portée ; faute de numéro de TVA intracommunautaire de « Fablab des Rives », que l'avoir d'autofacturation d'un vendeur assujetti à la TVA indique, la reprise figure au relevé, sans avoir d'autofacturation.`,
    ]);
  });

  it('keeps saying no AF carried it where none did, mandate or not', () => {
    const withoutAf = { ...context, priorInvoiceOf: () => null };
    for (const owner of [fablab, { ...fablab, selfBillingMandate: null }]) {
      const { onStatement } = selfBilledCreditNotes('fablab', [atARate], owner, withoutAf);
      expect(onStatement.map((credit) => credit.message)).toEqual([
        `${TAKEN_BACK}qu'aucune autofacture de cette période n'a porté : la reprise figure au relevé, sans avoir d'autofacturation.`,
      ]);
    }
    // Nor did the AF carry a subject owner's credit without VAT, which it invoiced the pôle itself.
    const { onStatement } = selfBilledCreditNotes('fablab', [frozenBeforeTheStatus], { ...fablab, selfBillingMandate: null }, context);
    expect(onStatement.map((credit) => credit.message)).toEqual([
      `${TAKEN_BACK}qu'aucune autofacture de cette période n'a porté : la reprise figure au relevé, sans avoir d'autofacturation.`,
    ]);
  });
});
