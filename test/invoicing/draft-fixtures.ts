import { type InvoicingParties, type MemberInvoicingIdentity, type PoleInvoicingProfile } from '../../domain/invoicing/invoicing-parties.js';
import { SERIES_OF_KIND } from '../../domain/invoicing/invoice-draft.js';
import { type InvoicingInput } from '../../domain/invoicing/issue-invoices.js';
import { type SettlementPeriod } from '../../domain/settlement/period.js';
import { type ChargeableItemFact, type PeriodFacts, type PeriodSettlement } from '../../domain/settlement/settle-period.js';
import { fromParisWallClock } from '../../shared/paris-time.js';

export const MARCH = { from: '2026-03-01', to: '2026-04-01' };
export const PERIOD_ID = '2026-03';
export const ISSUE_DATE = '2026-04-02';

/** The pôle, subject to VAT, with its VAT number. */
export const POLE_PROFILE: PoleInvoicingProfile = {
  name: 'Pôle Coopératif du Val',
  address: { line: '12 rue des Tisserands', postalCode: '69001', city: 'Lyon', countryCode: 'FR' },
  siret: '81234567800015',
  vatNumber: 'FR47812345678',
  iban: 'FR7630006000011234567890189',
  paymentTermDays: 30,
  latePaymentPenalty: "trois fois le taux d'intérêt légal",
  vatOnDebits: true,
};

const NAMES: Record<string, string> = { a: 'Atelier Bois & Cie SCOP', b: 'Les Jardins Partagés', c: 'Compagnie du Théâtre' };

/** A member with everything an invoice needs: SIRET, address, and for `a` a VAT number. */
export function identity(memberId: string, overrides: Partial<MemberInvoicingIdentity> = {}): MemberInvoicingIdentity {
  const siren = String(523456780 + memberId.charCodeAt(0)).slice(0, 9);
  return {
    memberId,
    name: NAMES[memberId] ?? `Membre ${memberId}`,
    legalForm: 'ASSOCIATION',
    vatStatus: 'NOT_SUBJECT',
    siret: `${siren}00021`,
    address: { line: `${memberId.length} rue du Membre`, postalCode: '69007', city: 'Lyon', countryCode: 'FR' },
    vatNumber: null,
    invoiceEmail: null,
    selfBillingMandate: { grantedOn: '2026-01-05', vatOnDebits: false },
    ...overrides,
  };
}

export function partiesOf(members: readonly MemberInvoicingIdentity[], pole: PoleInvoicingProfile | null = POLE_PROFILE): InvoicingParties {
  return { pole, members: new Map(members.map((member) => [member.memberId, member])) };
}

export const LASER = 'laser';
export const ROOM = 'salle';
export const RESOURCE_NAMES = new Map([[LASER, 'Découpe laser'], [ROOM, 'Salle de réunion']]);

/** March's facts: three members, two pools split equally, a laser owned by `a` and a room of the pôle. */
export function marchFacts(overrides: Partial<PeriodFacts> = {}): PeriodFacts {
  return {
    period: MARCH,
    members: ['a', 'b', 'c'].map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null })),
    pools: [
      { poolId: 'loyer', name: 'Loyer', netCostsCents: 100_000, key: { kind: 'EQUAL' } },
      { poolId: 'rh', name: 'Poste partagé', netCostsCents: 50_000, key: { kind: 'EQUAL' } },
    ],
    occupancies: [],
    headcountDeclarations: [],
    items: [item('b', LASER, 90), item('c', ROOM, 150), item('a', ROOM, 61)],
    resources: [{ resourceId: LASER, hourlyRateCents: 3_000, ownerMemberId: 'a' }, { resourceId: ROOM, hourlyRateCents: 1_999, ownerMemberId: null }],
    payments: [],
    ...overrides,
  };
}

export function item(memberId: string, resourceId: string, minutes: number, day = '2026-03-10'): ChargeableItemFact {
  const startMs = fromParisWallClock(day, 9 * 60).getTime();
  return { memberId, resourceId, startMs, endMs: startMs + minutes * 60_000, quantity: 1, countsAsUsage: true, charged: true };
}

/** The invoice (or, said so, self-billed invoice) each member got for an earlier period, as the invoices read model would answer. */
export function priorInvoices(invoiced: ReadonlyArray<[memberId: string, periodId: string, kind?: PriorKind]>): InvoicingInput['priorInvoiceOf'] {
  return (memberId, periodId, kind) => {
    const index = invoiced.findIndex(([member, period, invoicedKind = 'INVOICE']) => member === memberId && period === periodId && invoicedKind === kind);
    const series = SERIES_OF_KIND[kind];
    return index < 0 ? null : { invoiceId: `${periodId}.${series}.${memberId}`, number: `${series}-2026-${String(index + 1).padStart(6, '0')}`, issueDate: '2026-03-02' };
  };
}

type PriorKind = Parameters<InvoicingInput['priorInvoiceOf']>[2];

export function invoicingInput(settlement: PeriodSettlement, overrides: Partial<InvoicingInput> = {}): InvoicingInput {
  return {
    periodId: PERIOD_ID,
    period: MARCH,
    issueDate: ISSUE_DATE,
    settlement,
    parties: partiesOf([identity('a', { vatStatus: 'SUBJECT', vatNumber: 'FR90523456777' }), identity('b'), identity('c', { selfBillingMandate: null })]),
    poleVatStatus: 'SUBJECT',
    resourceNames: RESOURCE_NAMES,
    priorInvoiceOf: priorInvoices([]),
    // The fixtures' periods are months named `YYYY-MM`; unless a test says otherwise, the pôle's VAT status has not changed since.
    correctedPeriodOf: (periodId) => ({ ...monthPeriod(periodId), poleVatStatus: overrides.poleVatStatus ?? 'SUBJECT' }),
    ...overrides,
  };
}

/** The month a fixture's period id (`2026-02`) names, as a settlement period. */
export function monthPeriod(periodId: string): SettlementPeriod {
  if (!/^\d{4}-\d{2}$/.test(periodId)) throw new Error(`A fixture's period id is a month, YYYY-MM: ${periodId}`);
  const from = `${periodId}-01`;
  const next = new Date(`${from}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from, to: next.toISOString().slice(0, 10) };
}
