import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.js';
import { MAX_PASSWORD_LENGTH } from '../identity/passwords.js';
import { type UserRecord } from '../identity/identity-store.js';
import { type LinkHolder, PASSWORD_RESETS_PER_HOUR } from '../auth/account-links.js';
import { type RowLookups } from './row-lookups.js';
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
      resolve: (user, _args, { rows }) => (user.memberId === null ? null : rows.member(user.memberId)),
    }),
    disabled: t.boolean({ resolve: (user) => user.disabledAt !== null }),
    noticesEnabled: t.boolean({
      description: 'Whether the account gets e-mail notices of what happened (reservations, closed periods); invitations and resets are always sent.',
      resolve: async (user, _args, { mutua }) => !(await mutua.notices.usersWithNoticesOff([user.userId])).has(user.userId),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (user) => user.createdAt }),
  }),
});

const userIdArg = z.string().min(1).max(100);
/** 32 random bytes in base64url are 43 characters; anything much longer is not a link's token. */
const linkTokenArg = z.string().min(1).max(100);

const OneTimeLinkPurposeEnum = builder.enumType('OneTimeLinkPurpose', { values: ['INVITATION', 'PASSWORD_RESET'] as const });
const OneTimeLinkRef = builder.objectRef<LinkHolder>('OneTimeLink');
OneTimeLinkRef.implement({
  description: 'What an invitation or password link is for, shown to its holder before they choose a password.',
  fields: (t) => ({
    email: t.exposeString('email', { description: 'The account’s address: the holder got the link by mail at it.' }),
    purpose: t.expose('purpose', { type: OneTimeLinkPurposeEnum }),
    expiresAt: t.field({ type: 'DateTime', resolve: (holder) => holder.expiresAt }),
  }),
});

const InviteUserInput = builder.inputType('InviteUserInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: z.string().trim().email().max(254) }),
    role: t.field({ type: RoleEnum, required: true }),
    memberId: t.id({ required: false, validate: z.string().max(100).nullish() }),
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

const ChangeUserRoleInput = builder.inputType('ChangeUserRoleInput', {
  fields: (t) => ({
    userId: t.id({ required: true, validate: userIdArg }),
    role: t.field({ type: RoleEnum, required: true }),
    memberId: t.id({ required: false, description: 'The structure a MEMBER account acts for; absent for the other roles.', validate: z.string().max(100).nullish() }),
  }),
});

/** A structure an account is bound to must exist: its id comes from a form, not from the ledger. */
builder.queryFields((t) => ({
  users: t.field({
    type: [UserRef],
    description: 'Every account, for the coordinator who manages them.',
    resolve: allow(['COORDINATOR'], (_parent, _args, { mutua }) => mutua.auth.listUsers()),
  }),
  oneTimeLink: t.field({
    type: OneTimeLinkRef,
    description: 'Who an invitation or password link is for; fails with LINK_INVALID, LINK_USED, LINK_EXPIRED or LINK_SUPERSEDED as its use would.',
    args: { token: t.arg.string({ required: true, validate: linkTokenArg }) },
    resolve: allow('ANYONE', (_parent, args, { mutua }) => mutua.accountLinks.holderOf(args.token)),
  }),
  me: t.field({
    type: UserRef,
    nullable: true,
    resolve: allow('ANYONE', (_parent, _args, { mutua, actor }) => (actor ? mutua.auth.findUser(actor.userId) : null)),
  }),
}));

// One's own session, password and notices.
builder.mutationFields((t) => ({
  login: t.field({
    type: AuthPayloadRef,
    args: {
      email: t.arg.string({ required: true, validate: z.string().max(254) }),
      password: t.arg.string({ required: true, validate: z.string().max(MAX_PASSWORD_LENGTH) }),
    },
    resolve: allow('ANYONE', (_parent, args, { mutua, clientAddress }) => mutua.auth.login(args.email, args.password, clientAddress)),
  }),
  changePassword: t.field({
    type: 'Boolean',
    description: 'Changes one’s own password, given the current one; every other session of the account ends, this one goes on.',
    args: {
      currentPassword: t.arg.string({ required: true, validate: z.string().max(MAX_PASSWORD_LENGTH) }),
      newPassword: t.arg.string({ required: true, validate: z.string().max(MAX_PASSWORD_LENGTH) }),
    },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua, token, clientAddress }) => {
      await mutua.auth.changePassword(token!, args.currentPassword, args.newPassword, clientAddress);
      return true;
    }),
  }),
  requestPasswordReset: t.field({
    type: 'Boolean',
    description:
      'Always true, whatever the address; e-mails a one-time link (valid 1 h) when an enabled account has it and was sent fewer '
      + `than ${PASSWORD_RESETS_PER_HOUR} in the last hour. RATE_LIMITED only after too many requests from one client address, whatever the e-mails asked for.`,
    args: { email: t.arg.string({ required: true, validate: z.string().max(254) }) },
    resolve: allow('ANYONE', async (_parent, args, { mutua, baseUrl, clientAddress }) => {
      await mutua.accountLinks.requestPasswordReset(args.email, baseUrl, clientAddress);
      return true;
    }),
  }),
  resetPassword: t.field({
    type: 'Boolean',
    description: 'Consumes a link from an invitation or a reset and sets the password; the link then no longer works, nor any other link of the account, and every session of the account ends.',
    args: {
      token: t.arg.string({ required: true, validate: linkTokenArg }),
      newPassword: t.arg.string({ required: true, validate: z.string().max(MAX_PASSWORD_LENGTH) }),
    },
    resolve: allow('ANYONE', async (_parent, args, { mutua }) => {
      await mutua.accountLinks.resetPassword(args.token, args.newPassword);
      return true;
    }),
  }),
  setNoticesEnabled: t.field({
    type: 'Boolean',
    description: 'Turns one’s own e-mail notices on or off (invitations and password links are always sent).',
    args: { enabled: t.arg.boolean({ required: true }) },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua, actor }) => {
      await mutua.notices.setNoticesOff(actor.userId, !args.enabled);
      return args.enabled;
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
}));

// The pôle's accounts: invited, created, given another role, disabled, signed out everywhere, erased.
builder.mutationFields((t) => ({
  setUserDisabled: t.field({
    type: UserRef,
    description: 'Disables an account (it cannot sign in, its sessions end at once) or enables it again. Never one’s own; never the last active coordinator (LAST_COORDINATOR).',
    args: { userId: t.arg.id({ required: true, validate: userIdArg }), disabled: t.arg.boolean({ required: true }) },
    resolve: allow(['COORDINATOR'], (_parent, args, { mutua, actor }) => mutua.auth.setDisabled(actor, String(args.userId), args.disabled)),
  }),
  revokeAllSessions: t.field({
    type: 'Boolean',
    description: 'Signs a user out everywhere: one’s own account, or any account for the coordinator.',
    args: { userId: t.arg.id({ required: true, validate: userIdArg }) },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua, actor }) => {
      await mutua.auth.revokeAllSessions(actor, String(args.userId));
      return true;
    }),
  }),
  eraseUser: t.field({
    type: 'Boolean',
    description: 'Erases a person (GDPR): e-mail and password disappear; the ledger’s events keep naming the id and stay verifiable.',
    args: { userId: t.arg.id({ required: true, validate: userIdArg }) },
    resolve: allow(['COORDINATOR'], async (_parent, args, { mutua, actor }) => {
      await mutua.auth.erase(actor, String(args.userId));
      return true;
    }),
  }),
  inviteUser: t.field({
    type: UserRef,
    description: 'Creates the account and e-mails a one-time link (valid 72 h) with which the person sets a password.',
    args: { input: t.arg({ type: InviteUserInput, required: true }) },
    resolve: allow(['COORDINATOR'], async (_parent, { input }, { mutua, rows, baseUrl }) => {
      const memberId = await existingMemberId(rows, input.memberId);
      return mutua.accountLinks.inviteUser({ email: input.email, role: input.role, memberId }, baseUrl);
    }),
  }),
  createUser: t.field({
    type: UserRef,
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: allow(['COORDINATOR'], async (_parent, { input }, { mutua, rows }) => {
      const memberId = await existingMemberId(rows, input.memberId);
      return mutua.auth.createUser({ email: input.email, password: input.password, role: input.role, memberId });
    }),
  }),
  changeUserRole: t.field({
    type: UserRef,
    description:
      'Gives an account another role (and, for MEMBER, the structure it acts for). Never one’s own; never the last active '
      + 'coordinator’s (LAST_COORDINATOR). Its sessions go on with the new role.',
    args: { input: t.arg({ type: ChangeUserRoleInput, required: true }) },
    resolve: allow(['COORDINATOR'], async (_parent, { input }, { mutua, actor, rows }) =>
      mutua.auth.changeRole(actor, String(input.userId), input.role, await existingMemberId(rows, input.memberId))),
  }),
}));

async function existingMemberId(rows: RowLookups, memberId: string | number | null | undefined): Promise<string | null> {
  if (memberId == null) return null;
  if (!(await rows.member(String(memberId)))) throw new DomainError('NOT_FOUND', 'Structure membre introuvable.', { field: 'memberId' });
  return String(memberId);
}
