import { z } from 'zod';
import { isValidSiret } from '../../domain/members/siret.js';
import { isIsoDate } from '../../domain/shared/paris-time.js';
import { listMembers, membersProjection, type MemberView } from '../../projections/members/members-projection.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { LegalFormEnum, VatStatusEnum } from './enums.js';

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
    name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
    legalForm: t.field({ type: LegalFormEnum, required: true }),
    siret: t.string({
      required: false,
      validate: z.string().refine(isValidSiret, 'SIRET invalide : 14 chiffres dont la clé de Luhn est juste').nullish(),
    }),
    vatStatus: t.field({ type: VatStatusEnum, required: false, description: 'NOT_SUBJECT (the default) when the structure does not charge VAT.' }),
    joinedOn: t.field({ type: 'Date', required: true, validate: z.string().refine(isIsoDate) }),
  }),
});

builder.queryFields((t) => ({
  members: t.field({
    type: [MemberRef],
    resolve: allow('SIGNED_IN', (_parent, _args, { mutua }) => listMembers(mutua.projections.model(membersProjection))),
  }),
  member: t.field({
    type: MemberRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: allow('SIGNED_IN', (_parent, args, { mutua }) => mutua.projections.model(membersProjection).get(String(args.id))),
  }),
}));

builder.mutationFields((t) => ({
  registerMember: t.field({
    type: MemberRef,
    args: { input: t.arg({ type: RegisterMemberInput, required: true }) },
    resolve: allow(['COORDINATOR'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.registerMember({ actor, correlationId }, {
        name: input.name,
        legalForm: input.legalForm,
        siret: input.siret ?? null,
        vatStatus: input.vatStatus ?? 'NOT_SUBJECT',
        joinedOn: input.joinedOn,
      }),
    ),
  }),
}));
