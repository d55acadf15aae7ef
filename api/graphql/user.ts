import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.js';
import { MAX_PASSWORD_LENGTH } from '../identity/passwords.js';
import { type UserRecord } from '../identity/identity-store.js';
import { membersProjection } from '../../projections/members/members-projection.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { RoleEnum } from './enums.js';
import { MemberRef } from './member.js';

const UserRef = builder.objectRef<UserRecord>('User');

UserRef.implement({
  description: 'A person’s account. Never appears in the ledger’s events, which name users by id.',
  fields: (t) => ({
    id: t.exposeID('userId'),
    email: t.exposeString('email'),
    role: t.expose('role', { type: RoleEnum }),
    member: t.field({
      type: MemberRef,
      nullable: true,
      resolve: (user, _args, { mutua }) => (user.memberId === null ? null : mutua.projections.model(membersProjection).get(user.memberId)),
    }),
  }),
});

const AuthPayloadRef = builder.objectRef<{ token: string; user: UserRecord }>('AuthPayload');
AuthPayloadRef.implement({
  fields: (t) => ({ token: t.exposeString('token'), user: t.field({ type: UserRef, resolve: (payload) => payload.user }) }),
});

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: z.string().trim().email().max(254) }),
    password: t.string({ required: true, validate: z.string().max(MAX_PASSWORD_LENGTH) }),
    role: t.field({ type: RoleEnum, required: true }),
    memberId: t.id({ required: false, validate: z.string().max(100).nullish() }),
  }),
});

builder.queryFields((t) => ({
  me: t.field({
    type: UserRef,
    nullable: true,
    resolve: allow('ANYONE', (_parent, _args, { mutua, actor }) => (actor ? mutua.auth.findUser(actor.userId) : null)),
  }),
}));

builder.mutationFields((t) => ({
  login: t.field({
    type: AuthPayloadRef,
    args: {
      email: t.arg.string({ required: true, validate: z.string().max(254) }),
      password: t.arg.string({ required: true, validate: z.string().max(MAX_PASSWORD_LENGTH) }),
    },
    resolve: allow('ANYONE', async (_parent, args, { mutua, countLoginAttempt }) => {
      await countLoginAttempt(args.email);
      return mutua.auth.login(args.email, args.password);
    }),
  }),
  logout: t.field({
    type: 'Boolean',
    description: 'Revokes the session of the token sent with the request.',
    resolve: allow('SIGNED_IN', async (_parent, _args, { mutua, token }) => {
      await mutua.auth.logout(token!);
      return true;
    }),
  }),
  createUser: t.field({
    type: UserRef,
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: allow(['COORDINATOR'], (_parent, { input }, { mutua }) => {
      const memberId = input.memberId == null ? null : String(input.memberId);
      if (memberId !== null && !mutua.projections.model(membersProjection).has(memberId)) {
        throw new DomainError('NOT_FOUND', 'Structure membre introuvable.');
      }
      return mutua.auth.createUser({ email: input.email, password: input.password, role: input.role, memberId });
    }),
  }),
}));
