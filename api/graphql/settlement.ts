import { type ShareExplanation } from '../../domain/settlement/allocate-pool.js';
import { roundingCentsDecimal } from '../../domain/settlement/rounding.js';
import { type SettlementBlocker, type SettlementTotals } from '../../domain/settlement/settle-period.js';
import { JOURNALS } from '../../domain/accounting/journal-entry.js';
import { type LedgerEntry } from '../../projections/finance/finance-projection.js';
import { type MemberView } from '../../projections/members/members-projection.js';
import { type Mutua } from '../mutua.js';
import {
  FinanceQueries, type PoolShareView, type ResourceChargeView, type SettlementLineView, type SettlementView, type Statement, type StatementPayment,
} from '../finance/finance-queries.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { AllocationKeyKindEnum, CostPoolRef } from './cost-pool.js';
import { type VatLine } from '../../domain/settlement/settlement-vat.js';
import { type InvoiceToSend } from '../../domain/invoicing/credits-left-to-invoice.js';
import { type CorrectionWithoutCreditNote } from '../../domain/invoicing/corrections-without-credit-note.js';
import { findPool } from '../../projections/finance/finance-reads.js';
import { VatTreatmentRef } from './vat.js';
import { MemberRef } from './member.js';
import { PaymentDirectionEnum, PeriodRef } from './period.js';
import { ResourceRef } from './resource.js';
import { memberBalancesAsOf } from '../audit/compare-states.js';
import { partnerRoomOf } from '../audit/partner-room.js';

export const financeQueries = (mutua: Mutua) => new FinanceQueries(mutua.readModels, mutua.commands.finance);

const ShareExplanationRef = builder.objectRef<ShareExplanation>('ShareExplanation');
ShareExplanationRef.implement({
  description: '“Why do I pay this”: how one key (or one part of a composite key) gave the member its share.',
  fields: (t) => ({
    keyKind: t.field({ type: AllocationKeyKindEnum, resolve: (explanation) => explanation.keyKind }),
    partPercent: t.exposeFloat('partPercent', { description: 'The percent of a composite key this part carries, to the hundredth (33.33); 100 for a simple key.' }),
    splitAmountCents: t.exposeInt('splitAmountCents', { description: 'The amount this key split between the members.' }),
    weightUnit: t.exposeString('weightUnit', { description: 'MEMBERSHIP_DAYS, SHARES, SQUARE_METRE_DAYS, PERSON_DAYS or USAGE_MINUTES.' }),
    memberWeight: t.exposeString('memberWeight', { description: 'Exact decimal writing of the member’s weight.' }),
    memberWeightApproximate: t.exposeFloat('memberWeightApproximate'),
    totalWeight: t.exposeString('totalWeight'),
    totalWeightApproximate: t.exposeFloat('totalWeightApproximate'),
    exactShareCents: t.exposeString('exactShareCents', { description: 'splitAmount × weight / total weight, an exact fraction of cents (10000/3).' }),
    exactShareCentsDecimal: t.exposeString('exactShareCentsDecimal'),
    floorCents: t.exposeInt('floorCents'),
    receivedLeftoverCent: t.exposeBoolean('receivedLeftoverCent', { description: 'One of the cents left over after the floors went to this member (largest remainder).' }),
    roundingCentsDecimal: t.string({ description: 'shareCents − exact share: what the rounding added (or took).', resolve: roundingCentsDecimal }),
    shareCents: t.exposeInt('shareCents'),
  }),
});

const PoolShareRef = builder.objectRef<PoolShareView>('PoolShare');
PoolShareRef.implement({
  fields: (t) => ({
    poolId: t.exposeID('poolId'),
    poolName: t.exposeString('poolName'),
    keyKind: t.field({ type: AllocationKeyKindEnum, resolve: (share) => share.keyKind }),
    shareCents: t.exposeInt('shareCents'),
    explanations: t.field({ type: [ShareExplanationRef], resolve: (share) => share.explanations }),
  }),
});

const ResourceChargeRef = builder.objectRef<ResourceChargeView>('ResourceCharge');
ResourceChargeRef.implement({
  description: 'Direct charges (or credits) on one resource over the period: one charge per reservation or usage entry, added up.',
  fields: (t) => ({
    resource: t.field({ type: ResourceRef, nullable: true, resolve: (charge, _args, { rows }) => rows.resource(charge.resourceId) }),
    resourceName: t.exposeString('resourceName'),
    itemCount: t.exposeInt('itemCount'),
    usageMinutes: t.int({ description: 'Σ minutes × quantity.', resolve: (charge) => charge.unitMinutes }),
    amountCents: t.exposeInt('amountCents'),
    correctedPeriod: t.field({
      type: PeriodRef, nullable: true,
      description: 'Set on a row giving back the charges of a closed period’s usage entries reversed in this one: that period. Its counts are the entries’, its amount negative.',
      resolve: (charge) => charge.correctedPeriod,
    }),
  }),
});

const VatLineRef = builder.objectRef<VatLine>('VatLine');
VatLineRef.implement({
  description: 'One invoice line’s VAT: a pool share or a resource’s charges, its base, its treatment, and the VAT on it, rounded half up on the line.',
  fields: (t) => ({
    pool: t.field({ type: CostPoolRef, nullable: true, resolve: (line, _args, { mutua }) => (line.source.kind === 'POOL' ? findPool(mutua.readModels.db, line.source.poolId) : null) }),
    resource: t.field({ type: ResourceRef, nullable: true, resolve: (line, _args, { rows }) => (line.source.kind === 'RESOURCE' ? rows.resource(line.source.resourceId) : null) }),
    baseCents: t.exposeInt('baseCents', { description: 'The taxable base: the share or the charges, as without VAT.' }),
    treatment: t.field({ type: VatTreatmentRef, resolve: (line) => line.treatment }),
    mention: t.exposeString('mention', { description: '« TVA 20 % », or the exemption’s legal basis, as the invoice prints it.' }),
    vatCents: t.exposeInt('vatCents'),
  }),
});

const SettlementLineRef = builder.objectRef<SettlementLineView>('SettlementLine');
SettlementLineRef.implement({
  description: 'One member’s account for the period. balance = poolShares + directCharges + vat − credits − paymentsMade + paymentsReceived.',
  fields: (t) => ({
    member: t.field({ type: MemberRef, resolve: (line, _args, { rows }) => rows.existingMember(line.memberId) }),
    poolSharesCents: t.exposeInt('poolSharesCents'),
    directChargesCents: t.exposeInt('directChargesCents'),
    creditsCents: t.exposeInt('creditsCents'),
    paymentsMadeCents: t.exposeInt('paymentsMadeCents'),
    paymentsReceivedCents: t.exposeInt('paymentsReceivedCents'),
    vatCents: t.int({ description: 'VAT on the pool shares and direct charges, where a VAT treatment applies; 0 otherwise.', resolve: (line) => line.vatCents ?? 0 }),
    creditVatCents: t.int({ description: 'VAT the member, subject to VAT, charges the pôle on its credits (resources taxed at a rate); 0 otherwise.', resolve: (line) => line.creditVatCents ?? 0 }),
    vatLines: t.field({ type: [VatLineRef], description: 'One per pool share and resource charged with a rate or an exemption: what the invoices print.', resolve: (line) => line.vatLines ?? [] }),
    balanceCents: t.exposeInt('balanceCents'),
    poolShares: t.field({ type: [PoolShareRef], description: 'Each pool’s share, with why.', resolve: (line) => line.poolShares }),
    directCharges: t.field({ type: [ResourceChargeRef], resolve: (line) => line.directCharges }),
    credits: t.field({ type: [ResourceChargeRef], resolve: (line) => line.credits }),
  }),
});

const SettlementBlockerRef = builder.objectRef<SettlementBlocker>('SettlementBlocker');
SettlementBlockerRef.implement({
  description: 'Why the period cannot be closed yet.',
  fields: (t) => ({
    code: t.exposeString('code'),
    poolId: t.exposeID('poolId'),
    poolName: t.exposeString('poolName'),
    message: t.exposeString('message'),
  }),
});

const SettlementTotalsRef = builder.objectRef<SettlementTotals>('SettlementTotals');
SettlementTotalsRef.implement({
  fields: (t) => ({
    netCostsCents: t.exposeInt('netCostsCents'),
    poolSharesCents: t.exposeInt('poolSharesCents'),
    directChargesCents: t.exposeInt('directChargesCents'),
    creditsCents: t.exposeInt('creditsCents'),
    poleIncomeCents: t.exposeInt('poleIncomeCents', { description: 'Direct charges of the pôle’s own resources.' }),
    paymentsMadeCents: t.exposeInt('paymentsMadeCents'),
    paymentsReceivedCents: t.exposeInt('paymentsReceivedCents'),
    vatCents: t.int({ description: 'VAT collected over the period (44571).', resolve: (totals) => totals.vatCents ?? 0 }),
    creditVatCents: t.int({ description: 'VAT the owners subject to VAT charge the pôle on their credits (44566 where the pôle deducts it).', resolve: (totals) => totals.creditVatCents ?? 0 }),
    balanceCents: t.exposeInt('balanceCents'),
  }),
});

const CorrectionWithoutCreditNoteKindEnum = builder.enumType('CorrectionWithoutCreditNoteKind', {
  values: {
    REDUCTION: { description: 'A late reversal reduced the member’s pool share or charges of an earlier period, of which it has no invoice to correct.' },
    CREDIT_TAKEN_BACK: { description: 'A late usage reversal took back the owner’s credit of an earlier period, which no self-billed invoice of that period carried.' },
  },
});

const CorrectionWithoutCreditNoteRef = builder.objectRef<CorrectionWithoutCreditNote>('CorrectionWithoutCreditNote');
CorrectionWithoutCreditNoteRef.implement({
  description: 'A late reversal’s correction that no credit note (AV) or self-billed credit note (AA) carries: the member’s statement does. Its balance already counts it.',
  fields: (t) => ({
    kind: t.field({ type: CorrectionWithoutCreditNoteKindEnum, resolve: (correction) => correction.kind }),
    member: t.field({ type: MemberRef, description: 'Whose statement carries it.', resolve: (correction, _args, { rows }) => rows.existingMember(correction.memberId) }),
    correctedPeriodId: t.exposeID('originalPeriodId', { description: 'The earlier period the reversed cost or usage belonged to.' }),
    amountCents: t.exposeInt('amountCents', { description: 'Excluding VAT, positive: what the share, charges or credits went down by.' }),
    vatCents: t.exposeInt('vatCents', { description: 'The VAT on it (for a credit taken back, the VAT the owner charged on it); 0 without.' }),
    message: t.exposeString('message', { description: 'What the close says of it, in French, naming the corrected period by its days.' }),
  }),
});

const SettlementStatusEnum = builder.enumType('SettlementStatus', { values: ['PREVIEW', 'FROZEN'] as const });

export const SettlementRef = builder.objectRef<SettlementView>('Settlement');
SettlementRef.implement({
  fields: (t) => ({
    period: t.field({ type: PeriodRef, resolve: (view) => view.period }),
    status: t.field({ type: SettlementStatusEnum, resolve: (view) => view.status }),
    lines: t.field({ type: [SettlementLineRef], resolve: (view) => view.lines }),
    digest: t.string({ nullable: true, description: 'Set once closed.', resolve: (view) => view.period.digest?.value ?? null }),
    blockers: t.field({ type: [SettlementBlockerRef], resolve: (view) => view.settlement.blockers }),
    closeRefusal: t.exposeString('closeRefusal', {
      nullable: true,
      description: 'Why `closePeriod` would be refused now (the period has not ended, a pool has no weight), in French; null when it can close, or is closed, and for a member (it may name another structure).',
    }),
    correctionsWithoutCreditNote: t.field({
      type: [CorrectionWithoutCreditNoteRef],
      description: 'Closed: the late reversals’ corrections the close left on the statements without a credit note. Open: those closing now would leave. A member sees its own only.',
      resolve: (view) => view.correctionsWithoutCreditNote,
    }),
    totals: t.field({ type: SettlementTotalsRef, nullable: true, description: 'The whole period’s totals; null for a member.', resolve: (view, _args, { actor }) => (actor?.role === 'MEMBER' ? null : view.settlement.totals) }),
  }),
});

const MemberBalanceRef = builder.objectRef<{ member: MemberView; balanceCents: number }>('MemberBalance');
MemberBalanceRef.implement({
  fields: (t) => ({
    member: t.field({ type: MemberRef, resolve: (balance) => balance.member }),
    balanceCents: t.exposeInt('balanceCents', { description: 'Positive: the member owes the pôle; negative: the pôle owes it.' }),
  }),
});

const StatementPaymentRef = builder.objectRef<StatementPayment>('StatementPayment');
StatementPaymentRef.implement({
  fields: (t) => ({
    date: t.expose('date', { type: 'Date' }),
    direction: t.field({ type: PaymentDirectionEnum, resolve: (payment) => payment.direction }),
    amountCents: t.exposeInt('amountCents', { description: 'Negative for a reversal.' }),
    reference: t.exposeString('reference', { nullable: true }),
    label: t.exposeString('label'),
  }),
});

const InvoiceToSendReasonEnum = builder.enumType('InvoiceToSendReason', {
  values: {
    NO_MANDATE: { description: 'No self-billing mandate was in force on the day the period closed.' },
    VAT_NOT_CARRIED: { description: 'A mandate was, but the member is subject to VAT and these resources had no VAT rate for the period: not self-billed.' },
  },
});

const InvoiceToSendRef = builder.objectRef<InvoiceToSend>('InvoiceToSend');
InvoiceToSendRef.implement({
  description: 'What the pôle owes a member for its resources that no self-billed invoice carries, which the member invoices the pôle itself; the statement says the same.',
  fields: (t) => ({
    creditsCents: t.exposeInt('creditsCents', { description: 'Excluding VAT.' }),
    creditVatCents: t.exposeInt('creditVatCents', { description: 'The VAT the settlement carries on those credits; 0 without.' }),
    reason: t.field({ type: InvoiceToSendReasonEnum, resolve: (toSend) => toSend.reason }),
    besideSelfBilledInvoice: t.exposeBoolean('besideSelfBilledInvoice', { description: 'A self-billed invoice of the close carries the member’s other credits.' }),
    mandateHeld: t.exposeBoolean('mandateHeld', { description: 'The member holds a self-billing mandate now: giving one is not suggested.' }),
  }),
});

const StatementRef = builder.objectRef<Statement>('Statement');
StatementRef.implement({
  description: 'A member’s statement for a period: opening balance, each line, payments, closing balance.',
  fields: (t) => ({
    member: t.field({ type: MemberRef, resolve: (statement) => statement.member }),
    period: t.field({ type: PeriodRef, resolve: (statement) => statement.period }),
    provisional: t.exposeBoolean('provisional', { description: 'This period or an earlier one is still open.' }),
    openingBalanceCents: t.exposeInt('openingBalanceCents'),
    line: t.field({ type: SettlementLineRef, resolve: (statement) => statement.line }),
    payments: t.field({ type: [StatementPaymentRef], resolve: (statement) => statement.payments }),
    closingBalanceCents: t.exposeInt('closingBalanceCents'),
    invoiceToSend: t.field({
      type: InvoiceToSendRef,
      nullable: true,
      description: 'Once the period is closed, what the member invoices the pôle for its resources, and why; null before, or when self-billed invoices carry it all.',
      resolve: (statement) => statement.invoiceToSend,
    }),
    correctionsWithoutCreditNote: t.field({
      type: [CorrectionWithoutCreditNoteRef],
      description: 'The member’s corrections of earlier periods that this statement carries without a credit note: left by the close, or, while the period is open, that closing it now would leave.',
      resolve: (statement) => statement.correctionsWithoutCreditNote,
    }),
  }),
});

const LedgerLineRef = builder.objectRef<LedgerEntry['lines'][number]>('LedgerLine');
LedgerLineRef.implement({
  fields: (t) => ({
    accountNumber: t.exposeString('accountNumber'),
    accountLabel: t.exposeString('accountLabel'),
    auxiliaryNumber: t.exposeString('auxiliaryNumber', { nullable: true }),
    auxiliaryLabel: t.exposeString('auxiliaryLabel', { nullable: true }),
    debitCents: t.exposeInt('debitCents'),
    creditCents: t.exposeInt('creditCents'),
  }),
});

export const LedgerEntryRef = builder.objectRef<LedgerEntry>('LedgerEntry');
LedgerEntryRef.implement({
  description: 'A balanced double-entry écriture, posted from a financial event.',
  fields: (t) => ({
    journalCode: t.exposeString('journal'),
    journalLabel: t.string({ resolve: (entry) => JOURNALS[entry.journal] }),
    entryDate: t.expose('entryDate', { type: 'Date' }),
    pieceRef: t.exposeString('pieceRef'),
    pieceDate: t.expose('pieceDate', { type: 'Date' }),
    label: t.exposeString('label'),
    validatedOn: t.expose('validatedOn', { type: 'Date' }),
    lines: t.field({ type: [LedgerLineRef], resolve: (entry) => entry.lines }),
  }),
});

/** Who reads every member's figures and the books. */
export const READERS = ['TREASURER', 'COORDINATOR', 'AUDITOR'] as const;

builder.queryFields((t) => ({
  settlement: t.field({
    type: SettlementRef,
    description: 'Preview while the period is open; the frozen settlement once it is closed. A member sees its own line only.',
    args: { periodId: t.arg.id({ required: true }) },
    resolve: allow('SIGNED_IN', (_parent, args, { mutua, actor }) => financeQueries(mutua).settlement(actor, String(args.periodId))),
  }),
  balances: t.field({
    type: [MemberBalanceRef],
    description: 'Cumulative balance of every member, as known at `asOf` (default: now). A member sees its own only.',
    args: { asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua, actor }) => {
      if (args.asOf == null) return financeQueries(mutua).balances(actor);
      // As it stood, so that members registered later are not listed at 0.
      const room = partnerRoomOf(mutua);
      const past = await room.timeTravel.at(args.asOf);
      const balances = await memberBalancesAsOf(room.reads, { asOfPosition: past.position });
      return balances.filter(({ member }) => actor.role !== 'MEMBER' || member.memberId === actor.memberId);
    }),
  }),
  statement: t.field({
    type: StatementRef,
    args: { memberId: t.arg.id({ required: true }), periodId: t.arg.id({ required: true }) },
    resolve: allow('SIGNED_IN', (_parent, args, { mutua, actor }) => financeQueries(mutua).statement(actor, String(args.memberId), String(args.periodId))),
  }),
  ledgerPostings: t.field({
    type: [LedgerEntryRef],
    description: 'The books’ entries dated in the period, or all of them, in the order of the log.',
    deprecationReason: 'Reads and answers every entry at once: all the books of some years held the server most of a second. Use `journal`, a page at a time.',
    args: { periodId: t.arg.id({ required: false }) },
    resolve: allow(READERS, async (_parent, args, { mutua }) => (await financeQueries(mutua).entries(args.periodId == null ? null : String(args.periodId))).entries),
  }),
}));

builder.mutationFields((t) => ({
  closePeriod: t.field({
    type: SettlementRef,
    description: 'Freezes the settlement with a digest of the period’s events; refused with NO_ALLOCATION_WEIGHT while a pool with costs has no weight.',
    args: { periodId: t.arg.id({ required: true }) },
    resolve: allow(['TREASURER'], async (_parent, args, { mutua, actor, correlationId }) => {
      await mutua.commands.finance.closePeriod({ actor, correlationId }, String(args.periodId));
      return financeQueries(mutua).settlement(actor, String(args.periodId));
    }),
  }),
}));
