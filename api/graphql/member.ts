import { z } from 'zod';
import { MAX_HEADCOUNT } from '../../domain/declarations/declarations.js';
import { isValidSiret } from '../../shared/identifiers.js';
import { isWholeHundredths } from '../../domain/settlement/exact-weight.js';
import { isIsoDate } from '../../shared/paris-time.js';
import { type MemberView } from '../../projections/members/members-projection.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { LegalFormEnum, VatStatusEnum } from './enums.js';
import { AS_OF, partnerRoomOf } from '../audit/partner-room.js';
import { requiredText } from './input-text.js';

export const MemberRef = builder.objectRef<MemberView>('Member');

MemberRef.implement({
  description: 'A member structure of the pôle: association, cooperative, company or local authority.',
  fields: (t) => ({
    id: t.exposeID('memberId'),
    name: t.exposeString('name'),
    legalForm: t.expose('legalForm', { type: LegalFormEnum }),
    siret: t.exposeString('siret', { nullable: true }),
    vatStatus: t.expose('vatStatus', { type: VatStatusEnum }),
    joinedOn: t.expose('joinedOn', { type: 'Date' }),
    leftOn: t.expose('leftOn', { type: 'Date', nullable: true }),
  }),
});

const RegisterMemberInput = builder.inputType('RegisterMemberInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: requiredText(200) }),
    legalForm: t.field({ type: LegalFormEnum, required: true }),
    siret: t.string({
      required: false,
      validate: z.string().refine(isValidSiret, 'SIRET invalide : 14 chiffres dont la clé de Luhn est juste').nullish(),
    }),
    vatStatus: t.field({ type: VatStatusEnum, required: false, description: 'NOT_SUBJECT (the default) when the structure does not charge VAT.' }),
    joinedOn: t.field({ type: 'Date', required: true, validate: z.string().refine(isIsoDate) }),
  }),
});

const AmendMemberInput = builder.inputType('AmendMemberInput', {
  description:
    'What may be corrected after registration, each field with its new value. Not the joining date: the pool shares of '
    + 'periods already closed were counted from it, and changing it would contradict them; a structure registered on the '
    + 'wrong date leaves and is registered again. Not the id either, which the ledger’s events name. Nor the legal form, '
    + 'which a structure changes by becoming another one (a new SIRET, a new registration).',
  fields: (t) => ({
    memberId: t.id({ required: true, validate: z.string().min(1).max(100) }),
    name: t.string({ required: true, validate: requiredText(200) }),
    siret: t.string({
      required: false,
      description: 'Absent or null when the structure has none (yet).',
      validate: z.string().refine(isValidSiret, 'SIRET invalide : 14 chiffres dont la clé de Luhn est juste').nullish(),
    }),
    vatStatus: t.field({ type: VatStatusEnum, required: true }),
    reason: t.string({
      required: true,
      description: 'Why the coordination corrects the structure’s record, kept in the correction’s event and shown in the history.',
      validate: requiredText(500),
    }),
  }),
});

const LeaveMemberInput = builder.inputType('LeaveMemberInput', {
  fields: (t) => ({
    memberId: t.id({ required: true, validate: z.string().min(1).max(100) }),
    leftOn: t.field({ type: 'Date', required: true, description: 'First day the structure no longer belongs to the pôle.' }),
    reason: t.string({ required: true, validate: requiredText(500) }),
  }),
});

const DeclareHeadcountInput = builder.inputType('DeclareHeadcountInput', {
  description: 'Headcount-based keys count `headcount × days` from `from` until the next declaration.',
  fields: (t) => ({
    memberId: t.id({ required: true, validate: z.string().min(1).max(100) }),
    headcount: t.float({
      required: true,
      description: 'Full-time equivalents (ETP), 0 to 100000, at most two decimals: 1.5 for a full-time and a half-time person.',
      validate: z.number().min(0).max(MAX_HEADCOUNT).refine(isWholeHundredths, 'Effectif en ETP au centième près (1,5 pour un temps plein et un mi-temps)'),
    }),
    from: t.field({ type: 'Date', required: true }),
  }),
});

builder.queryFields((t) => ({
  members: t.field({
    type: [MemberRef],
    args: { asOf: t.arg({ type: 'DateTime', required: false, description: AS_OF }) },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua, actor }) => {
      const room = partnerRoomOf(mutua);
      return room.reads.members(await room.asOfPosition(actor, args.asOf));
    }),
  }),
  member: t.field({
    type: MemberRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: allow('SIGNED_IN', (_parent, args, { rows }) => rows.member(String(args.id))),
  }),
}));

builder.mutationFields((t) => ({
  registerMember: t.field({
    type: MemberRef,
    args: { input: t.arg({ type: RegisterMemberInput, required: true }) },
    resolve: allow(['COORDINATOR'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.members.registerMember({ actor, correlationId }, {
        name: input.name,
        legalForm: input.legalForm,
        siret: input.siret ?? null,
        vatStatus: input.vatStatus ?? 'NOT_SUBJECT',
        joinedOn: input.joinedOn,
      }),
    ),
  }),
  amendMember: t.field({
    type: MemberRef,
    description: 'Corrects a structure’s name, SIRET or VAT status, with the reason (see AmendMemberInput for what cannot change, and why).',
    args: { input: t.arg({ type: AmendMemberInput, required: true }) },
    resolve: allow(['COORDINATOR'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.members.amendMember({ actor, correlationId, reason: input.reason }, {
        memberId: String(input.memberId),
        name: input.name,
        siret: input.siret ?? null,
        vatStatus: input.vatStatus,
      }),
    ),
  }),
  leaveMember: t.field({
    type: MemberRef,
    description: 'Records a departure; the structure’s reservations running past it are cancelled with the reason.',
    args: { input: t.arg({ type: LeaveMemberInput, required: true }) },
    resolve: allow(['COORDINATOR'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      const { member } = await mutua.commands.members.leaveMember({ actor, correlationId, reason: input.reason }, String(input.memberId), input.leftOn);
      return member;
    }),
  }),
  declareHeadcount: t.field({
    type: 'Boolean',
    args: { input: t.arg({ type: DeclareHeadcountInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      await mutua.commands.members.declareHeadcount({ actor, correlationId }, { memberId: String(input.memberId), headcount: input.headcount, from: input.from });
      return true;
    }),
  }),
}));
