import { z } from 'zod';
import { type PoleInvoicingProfile } from '../../domain/invoicing/invoicing-parties.js';
import { type PostalAddress } from '../../domain/invoicing/invoice-document.js';
import { SUGGESTED_LATE_PAYMENT_PENALTY } from '../../domain/invoicing/pole-invoicing-profile.js';
import { assert } from '../../domain/shared/errors.js';
import { type MemberInvoicingView } from '../../projections/members/invoicing-parties-reads.js';
import { type MemberView } from '../../projections/members/members-projection.js';
import { sirenOfSiret } from '../../shared/identifiers.js';
import { allow, type AuthorizedContext } from './authorization.js';
import { builder } from './builder.js';
import { type GraphQLContext } from './context.js';
import { MemberRef } from './member.js';

/**
 * The parties of the invoices (domain/members/member-invoicing.ts,
 * domain/invoicing/pole-invoicing-profile.ts): a member's invoicing identity and self-billing
 * mandate on the Member type, the pôle's profile as a query of its own. Formats are checked by the
 * deciders, which answer VALIDATION_FAILED with a stable `rule`; the inputs only bound lengths.
 */
const PostalAddressRef = builder.objectRef<PostalAddress>('PostalAddress');
PostalAddressRef.implement({
  fields: (t) => ({
    line: t.exposeString('line', { description: 'Street, number, and any complement, on one line.' }),
    postalCode: t.exposeString('postalCode'),
    city: t.exposeString('city'),
    countryCode: t.exposeString('countryCode', { description: 'ISO 3166-1 alpha-2: FR.' }),
  }),
});

const SelfBillingMandateRef = builder.objectRef<{ grantedOn: string; reference: string | null; vatOnDebits: boolean }>('SelfBillingMandate');
SelfBillingMandateRef.implement({
  description: 'The mandate a member gave the pôle to issue, in its name, the invoices of what it sells the pôle (CGI art. 289, I-2).',
  fields: (t) => ({
    grantedOn: t.field({ type: 'Date', resolve: (mandate) => mandate.grantedOn }),
    reference: t.exposeString('reference', { nullable: true, description: 'The signed mandate’s reference, as filed.' }),
    vatOnDebits: t.exposeBoolean('vatOnDebits', {
      description: 'The structure opted to pay VAT on debits: its self-billed invoices that charge VAT say so; false, they say VAT is due on receipt. False for a mandate recorded before the option was.',
    }),
  }),
});

const PoleInvoicingProfileRef = builder.objectRef<PoleInvoicingProfile>('PoleInvoicingProfile');
PoleInvoicingProfileRef.implement({
  description: 'Who the pôle is on the invoices it issues.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The legal name (raison sociale).' }),
    address: t.field({ type: PostalAddressRef, resolve: (profile) => profile.address }),
    siret: t.exposeString('siret'),
    siren: t.string({ resolve: (profile) => sirenOfSiret(profile.siret) }),
    vatNumber: t.exposeString('vatNumber', { nullable: true }),
    iban: t.exposeString('iban', { nullable: true }),
    paymentTermDays: t.exposeInt('paymentTermDays', { description: 'Days from the issue date to the due date, 0 to 60.' }),
    latePaymentPenalty: t.exposeString('latePaymentPenalty', { description: `As printed; the screen suggests « ${SUGGESTED_LATE_PAYMENT_PENALTY} ».` }),
    vatOnDebits: t.exposeBoolean('vatOnDebits'),
  }),
});

/** Coordinators, treasurers and auditors read every structure's identity; a member user its own only (null for another's). */
function mayRead(context: GraphQLContext, memberId: string): boolean {
  const { actor } = context;
  if (actor === null) return false;
  return actor.role !== 'MEMBER' || actor.memberId === memberId;
}

async function invoicingOf(member: MemberView, context: GraphQLContext): Promise<MemberInvoicingView | null> {
  if (!mayRead(context, member.memberId)) return null;
  return (await context.rows.memberInvoicing(member.memberId)) ?? null;
}

builder.objectFields(MemberRef, (t) => ({
  siren: t.string({ nullable: true, description: 'The first nine digits of the SIRET.', resolve: (member) => (member.siret === null ? null : sirenOfSiret(member.siret)) }),
  address: t.field({
    type: PostalAddressRef, nullable: true, description: 'The postal address invoices carry; null until set (or for another structure than a member user’s own).',
    resolve: async (member, _args, context) => (await invoicingOf(member, context))?.details?.address ?? null,
  }),
  vatNumber: t.string({
    nullable: true, description: 'Intra-community VAT number (FR + key + SIREN).',
    resolve: async (member, _args, context) => (await invoicingOf(member, context))?.details?.vatNumber ?? null,
  }),
  invoiceEmail: t.string({
    nullable: true, description: 'Where e-invoices reach a structure without SIREN.',
    resolve: async (member, _args, context) => (await invoicingOf(member, context))?.details?.invoiceEmail ?? null,
  }),
  selfBillingMandate: t.field({
    type: SelfBillingMandateRef, nullable: true, description: 'The self-billing mandate not revoked, if any.',
    resolve: async (member, _args, context) => (await invoicingOf(member, context))?.selfBillingMandate ?? null,
  }),
}));

const id = z.string().min(1).max(100);
const addressPart = z.string().max(200);

const PostalAddressInput = builder.inputType('PostalAddressInput', {
  fields: (t) => ({
    line: t.string({ required: true, validate: addressPart }),
    postalCode: t.string({ required: true, validate: z.string().max(20), description: 'Five digits in France.' }),
    city: t.string({ required: true, validate: addressPart }),
    countryCode: t.string({ required: true, validate: z.string().max(20), description: 'ISO 3166-1 alpha-2: FR.' }),
  }),
});

const SetMemberInvoicingDetailsInput = builder.inputType('SetMemberInvoicingDetailsInput', {
  description: 'A structure’s invoicing identity, replaced whole. Refusals: VALIDATION_FAILED with `rule` ADDRESS_INCOMPLETE, POSTAL_CODE_INVALID, COUNTRY_INVALID, VAT_NUMBER_INVALID, VAT_NUMBER_SIREN_MISMATCH or EMAIL_INVALID.',
  fields: (t) => ({
    memberId: t.id({ required: true, validate: id }),
    address: t.field({ type: PostalAddressInput, required: true }),
    vatNumber: t.string({ required: false, validate: z.string().max(40).nullish(), description: 'Absent, null or empty: none. A French one must carry the SIREN of the structure’s SIRET.' }),
    invoiceEmail: t.string({ required: false, validate: z.string().max(254).nullish() }),
  }),
});

const GrantSelfBillingMandateInput = builder.inputType('GrantSelfBillingMandateInput', {
  description: 'Refusals: VALIDATION_FAILED with `rule` MANDATE_ALREADY_GRANTED (revoke it first), MANDATE_OVERLAP (before the last revocation) or DATE_INVALID.',
  fields: (t) => ({
    memberId: t.id({ required: true, validate: id }),
    grantedOn: t.field({ type: 'Date', required: true, description: 'The day the mandate was signed: it is in force from that day on.' }),
    reference: t.string({ required: false, validate: z.string().max(100).nullish() }),
    vatOnDebits: t.boolean({
      required: false, defaultValue: false,
      description: 'The structure opted to pay VAT on debits (CGI art. 269, 2-c), as the mandate says. Absent or null: it did not, VAT on its services is due on receipt.',
    }),
  }),
});

const RevokeSelfBillingMandateInput = builder.inputType('RevokeSelfBillingMandateInput', {
  description: 'Refusals: VALIDATION_FAILED with `rule` MANDATE_NOT_GRANTED or DATE_INVALID (before the grant).',
  fields: (t) => ({
    memberId: t.id({ required: true, validate: id }),
    revokedOn: t.field({ type: 'Date', required: true, description: 'The first day the mandate no longer holds.' }),
  }),
});

const SetPoleInvoicingProfileInput = builder.inputType('SetPoleInvoicingProfileInput', {
  description: 'The pôle’s invoicing identity, replaced whole. Refusals: VALIDATION_FAILED with `rule` NAME_INVALID, SIRET_INVALID, IBAN_INVALID, PAYMENT_TERM_INVALID, LATE_PAYMENT_PENALTY_INVALID, or one of the address and VAT number rules.',
  fields: (t) => ({
    name: t.string({ required: true, validate: z.string().max(200) }),
    address: t.field({ type: PostalAddressInput, required: true }),
    siret: t.string({ required: true, validate: z.string().max(40) }),
    vatNumber: t.string({ required: false, validate: z.string().max(40).nullish() }),
    iban: t.string({ required: false, validate: z.string().max(50).nullish() }),
    paymentTermDays: t.int({ required: true, description: '0 to 60 (C. com. L441-10).' }),
    latePaymentPenalty: t.string({ required: true, validate: z.string().max(1000) }),
    vatOnDebits: t.boolean({ required: true }),
  }),
});

const requestOf = ({ actor, correlationId }: AuthorizedContext) => ({ actor, correlationId });

async function memberOf(context: AuthorizedContext, memberId: string): Promise<MemberView> {
  const member = await context.rows.member(memberId);
  assert(member !== undefined, `the member ${memberId} whose invoicing was just decided is in the read models`);
  return member;
}

builder.queryFields((t) => ({
  poleInvoicingProfile: t.field({
    type: PoleInvoicingProfileRef,
    nullable: true,
    description: 'Null until the treasurer sets it; a close issues no invoice before.',
    resolve: allow(['TREASURER', 'COORDINATOR', 'AUDITOR'], (_parent, _args, { mutua }) => mutua.commands.invoicingParties.poleProfile()),
  }),
}));

builder.mutationFields((t) => ({
  setMemberInvoicingDetails: t.field({
    type: MemberRef,
    description: 'A structure’s postal address, VAT number and invoicing e-mail: the treasurer’s or the coordinator’s for any, a member user’s for its own.',
    args: { input: t.arg({ type: SetMemberInvoicingDetailsInput, required: true }) },
    resolve: allow(['TREASURER', 'COORDINATOR', 'MEMBER'], async (_parent, { input }, context) => {
      const memberId = String(input.memberId);
      await context.mutua.commands.invoicingParties.setMemberDetails(requestOf(context), {
        memberId, address: input.address, vatNumber: input.vatNumber ?? null, invoiceEmail: input.invoiceEmail ?? null,
      });
      return memberOf(context, memberId);
    }),
  }),
  grantSelfBillingMandate: t.field({
    type: MemberRef,
    description: 'Records the self-billing mandate a structure signed: from that day on, the pôle issues in its name the invoices of what it buys from it.',
    args: { input: t.arg({ type: GrantSelfBillingMandateInput, required: true }) },
    resolve: allow(['TREASURER'], async (_parent, { input }, context) => {
      const memberId = String(input.memberId);
      await context.mutua.commands.invoicingParties.grantMandate(requestOf(context), {
        memberId, grantedOn: input.grantedOn, reference: input.reference ?? null, vatOnDebits: input.vatOnDebits ?? false,
      });
      return memberOf(context, memberId);
    }),
  }),
  revokeSelfBillingMandate: t.field({
    type: MemberRef,
    args: { input: t.arg({ type: RevokeSelfBillingMandateInput, required: true }) },
    resolve: allow(['TREASURER'], async (_parent, { input }, context) => {
      const memberId = String(input.memberId);
      await context.mutua.commands.invoicingParties.revokeMandate(requestOf(context), { memberId, revokedOn: input.revokedOn });
      return memberOf(context, memberId);
    }),
  }),
  setPoleInvoicingProfile: t.field({
    type: PoleInvoicingProfileRef,
    args: { input: t.arg({ type: SetPoleInvoicingProfileInput, required: true }) },
    resolve: allow(['TREASURER'], (_parent, { input }, context) => context.mutua.commands.invoicingParties.setPoleProfile(requestOf(context), {
      ...input, vatNumber: input.vatNumber ?? null, iban: input.iban ?? null,
    })),
  }),
}));
