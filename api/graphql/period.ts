import { z } from 'zod';
import { MAX_LABEL_LENGTH, MAX_REASON_LENGTH, MAX_REFERENCE_LENGTH } from '../../domain/finance/period-journal.js';
import { MAX_AMOUNT_CENTS } from '../../shared/money.js';
import { type CostView, type PaymentView, type PeriodView, type ReversalView } from '../../projections/finance/finance-projection.js';
import { costsOfPeriod, findPeriod, findPool, listPeriods, paymentsOfPeriod } from '../../projections/finance/finance-reads.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { CostPoolRef } from './cost-pool.js';
import { MemberRef } from './member.js';
import { requiredText } from './input-text.js';

export const PeriodStatusEnum = builder.enumType('PeriodStatus', { values: ['OPEN', 'CLOSED'] as const });
export const PaymentDirectionEnum = builder.enumType('PaymentDirection', { values: ['FROM_MEMBER', 'TO_MEMBER'] as const });

export const PeriodRef = builder.objectRef<PeriodView>('Period');
PeriodRef.implement({
  description: 'A settlement period [from, to), read in Europe/Paris.',
  fields: (t) => ({
    id: t.exposeID('periodId'),
    from: t.expose('from', { type: 'Date' }),
    to: t.expose('to', { type: 'Date' }),
    status: t.expose('status', { type: PeriodStatusEnum }),
    closedAt: t.field({ type: 'DateTime', nullable: true, resolve: (period) => period.closedAt }),
    digest: t.string({ nullable: true, description: 'SHA-256 over the period’s events, recorded at the close.', resolve: (period) => period.digest?.value ?? null }),
    digestEventCount: t.int({ nullable: true, resolve: (period) => period.digest?.eventCount ?? null }),
  }),
});

const ReversalRef = builder.objectRef<ReversalView>('Reversal');
ReversalRef.implement({
  description: 'A correction: the entry is cancelled by a reversal with its reason, never edited.',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    reversedOn: t.expose('reversedOn', { type: 'Date' }),
    period: t.field({ type: PeriodRef, resolve: async (reversal, _args, { mutua }) => (await findPeriod(mutua.readModels.db, reversal.periodId))! }),
  }),
});

const CostRef = builder.objectRef<CostView>('Cost');
CostRef.implement({
  fields: (t) => ({
    id: t.exposeID('costId'),
    pool: t.field({ type: CostPoolRef, resolve: async (cost, _args, { mutua }) => (await findPool(mutua.readModels.db, cost.poolId))! }),
    amountCents: t.exposeInt('amountCents'),
    incurredOn: t.expose('incurredOn', { type: 'Date' }),
    label: t.exposeString('label'),
    reference: t.exposeString('reference', { nullable: true }),
    deductibleVatCents: t.int({ description: 'VAT the pôle deducts on it (44566); 0 when none.', resolve: (cost) => cost.deductibleVatCents ?? 0 }),
    period: t.field({ type: PeriodRef, resolve: async (cost, _args, { mutua }) => (await findPeriod(mutua.readModels.db, cost.periodId))! }),
    reversal: t.field({ type: ReversalRef, nullable: true, resolve: (cost) => cost.reversal }),
  }),
});

const PaymentRef = builder.objectRef<PaymentView>('Payment');
PaymentRef.implement({
  fields: (t) => ({
    id: t.exposeID('paymentId'),
    member: t.field({ type: MemberRef, resolve: (payment, _args, { rows }) => rows.existingMember(payment.memberId) }),
    amountCents: t.exposeInt('amountCents'),
    paidOn: t.expose('paidOn', { type: 'Date' }),
    direction: t.expose('direction', { type: PaymentDirectionEnum }),
    reference: t.exposeString('reference', { nullable: true }),
    period: t.field({ type: PeriodRef, resolve: async (payment, _args, { mutua }) => (await findPeriod(mutua.readModels.db, payment.periodId))! }),
    reversal: t.field({ type: ReversalRef, nullable: true, resolve: (payment) => payment.reversal }),
  }),
});

const id = z.string().min(1).max(100);
const amountCents = z.number().int().min(1).max(MAX_AMOUNT_CENTS);
const reference = z.string().max(MAX_REFERENCE_LENGTH).nullish();
const reason = requiredText(MAX_REASON_LENGTH);

const OpenPeriodInput = builder.inputType('OpenPeriodInput', {
  fields: (t) => ({ from: t.field({ type: 'Date', required: true }), to: t.field({ type: 'Date', required: true }) }),
});

const RecordCostInput = builder.inputType('RecordCostInput', {
  fields: (t) => ({
    poolId: t.id({ required: true, validate: id }),
    amountCents: t.int({ required: true, validate: amountCents }),
    incurredOn: t.field({ type: 'Date', required: true }),
    label: t.string({ required: true, validate: requiredText(MAX_LABEL_LENGTH) }),
    reference: t.string({ required: false, description: 'The supplier’s invoice number.', validate: reference }),
    deductibleVatCents: t.int({
      required: false,
      description: 'The VAT on the supplier’s invoice that the pôle deducts (44566), on top of `amountCents` (excluding VAT, what the pool shares out); only while the pôle is SUBJECT, else VAT_NOT_SUBJECT.',
      validate: z.number().int().min(0).max(MAX_AMOUNT_CENTS).nullish(),
    }),
  }),
});

const RecordPaymentInput = builder.inputType('RecordPaymentInput', {
  fields: (t) => ({
    memberId: t.id({ required: true, validate: id }),
    amountCents: t.int({ required: true, validate: amountCents }),
    paidOn: t.field({ type: 'Date', required: true }),
    direction: t.field({ type: PaymentDirectionEnum, required: true }),
    reference: t.string({ required: false, validate: reference }),
  }),
});

const ReverseCostInput = builder.inputType('ReverseCostInput', {
  fields: (t) => ({
    costId: t.id({ required: true, validate: id }),
    reason: t.string({ required: true, validate: reason }),
    reversedOn: t.field({ type: 'Date', required: false, description: 'Default: the cost’s date while its period is open, today once it is closed.' }),
  }),
});

const ReversePaymentInput = builder.inputType('ReversePaymentInput', {
  fields: (t) => ({
    paymentId: t.id({ required: true, validate: id }),
    reason: t.string({ required: true, validate: reason }),
    reversedOn: t.field({ type: 'Date', required: false, description: 'Default: the payment’s date while its period is open, today once it is closed.' }),
  }),
});

builder.queryFields((t) => ({
  periods: t.field({
    type: [PeriodRef],
    resolve: allow('SIGNED_IN', (_parent, _args, { mutua }) => listPeriods(mutua.readModels.db)),
  }),
  costs: t.field({
    type: [CostRef],
    description: 'Costs recorded in the period, and costs whose reversal is recorded in it.',
    args: { periodId: t.arg.id({ required: true }) },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua }) =>
      (await costsOfPeriod(mutua.readModels.db, String(args.periodId))).sort((a, b) => a.incurredOn.localeCompare(b.incurredOn))),
  }),
  payments: t.field({
    type: [PaymentRef],
    description: 'Payments of the period (and reversals recorded in it); a member sees its own only.',
    args: { periodId: t.arg.id({ required: true }) },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua, actor }) =>
      (await paymentsOfPeriod(mutua.readModels.db, String(args.periodId)))
        .filter((payment) => actor.role !== 'MEMBER' || payment.memberId === actor.memberId)
        .sort((a, b) => a.paidOn.localeCompare(b.paidOn))),
  }),
}));

builder.mutationFields((t) => ({
  openPeriod: t.field({
    type: PeriodRef,
    args: { input: t.arg({ type: OpenPeriodInput, required: true }) },
    resolve: allow(['TREASURER'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.finance.openPeriod({ actor, correlationId }, { from: input.from, to: input.to })),
  }),
  recordCost: t.field({
    type: 'Boolean',
    args: { input: t.arg({ type: RecordCostInput, required: true }) },
    resolve: allow(['TREASURER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      await mutua.commands.finance.recordCost({ actor, correlationId }, {
        poolId: String(input.poolId), amountCents: input.amountCents, incurredOn: input.incurredOn, label: input.label, reference: input.reference ?? null,
        ...(input.deductibleVatCents ? { deductibleVatCents: input.deductibleVatCents } : {}),
      });
      return true;
    }),
  }),
  recordPayment: t.field({
    type: 'Boolean',
    args: { input: t.arg({ type: RecordPaymentInput, required: true }) },
    resolve: allow(['TREASURER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      await mutua.commands.finance.recordPayment({ actor, correlationId }, {
        memberId: String(input.memberId), amountCents: input.amountCents, paidOn: input.paidOn, direction: input.direction, reference: input.reference ?? null,
      });
      return true;
    }),
  }),
  reverseCost: t.field({
    type: 'Boolean',
    description: 'Cancels a cost by a reversal with its reason; a closed period’s cost is reversed in an open period.',
    args: { input: t.arg({ type: ReverseCostInput, required: true }) },
    resolve: allow(['TREASURER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      await mutua.commands.finance.reverseCost({ actor, correlationId }, { costId: String(input.costId), reason: input.reason, reversedOn: input.reversedOn ?? null });
      return true;
    }),
  }),
  reversePayment: t.field({
    type: 'Boolean',
    args: { input: t.arg({ type: ReversePaymentInput, required: true }) },
    resolve: allow(['TREASURER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      await mutua.commands.finance.reversePayment({ actor, correlationId }, { paymentId: String(input.paymentId), reason: input.reason, reversedOn: input.reversedOn ?? null });
      return true;
    }),
  }),
}));
