import { z } from 'zod';
import { MAX_CAPACITY, MAX_HOURLY_RATE_CENTS } from '../../domain/resources/resource.js';
import { type BookingRules, type Closure, DEFAULT_BOOKING_RULES, type OpeningHours } from '../../shared/booking-rules.js';
import { SiteRef } from './site.js';
import { parseClockTime } from '../../shared/paris-time.js';
import { type ResourceView } from '../../projections/resources/resources-projection.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { ResourceKindEnum } from './enums.js';
import { MemberRef } from './member.js';
import { AS_OF, partnerRoomOf } from '../audit/partner-room.js';
import { requiredText } from './input-text.js';

export const ResourceRef = builder.objectRef<ResourceView>('Resource');
const OpeningHoursRef = builder.objectRef<OpeningHours>('OpeningHours');
const BookingRulesRef = builder.objectRef<ResourceView['rules']>('BookingRules');
const ClosureRef = builder.objectRef<Closure>('Closure');

OpeningHoursRef.implement({
  description: 'A weekly opening interval in Europe/Paris time.',
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: '1 = Monday … 7 = Sunday' }),
    opens: t.exposeString('opens'),
    closes: t.exposeString('closes'),
  }),
});

BookingRulesRef.implement({
  fields: (t) => ({
    minDurationMinutes: t.exposeInt('minDurationMinutes'),
    maxDurationMinutes: t.exposeInt('maxDurationMinutes'),
    minNoticeMinutes: t.exposeInt('minNoticeMinutes'),
    maxAdvanceDays: t.exposeInt('maxAdvanceDays'),
    cancellationDeadlineMinutes: t.exposeInt('cancellationDeadlineMinutes'),
    slotGranularityMinutes: t.exposeInt('slotGranularityMinutes'),
    bufferMinutes: t.exposeInt('bufferMinutes'),
    requiresApproval: t.exposeBoolean('requiresApproval'),
  }),
});

ClosureRef.implement({
  description: 'Dates [from, to) on which the resource cannot be booked, with the reason shown to members.',
  fields: (t) => ({
    from: t.expose('from', { type: 'Date' }),
    to: t.expose('to', { type: 'Date' }),
    reason: t.exposeString('reason'),
  }),
});

ResourceRef.implement({
  description: 'A shared resource: a space, a machine or vehicle, a shared employee’s time, or a service.',
  fields: (t) => ({
    id: t.exposeID('resourceId'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: ResourceKindEnum }),
    capacity: t.exposeInt('capacity'),
    hourlyRateCents: t.exposeInt('hourlyRateCents'),
    areaM2: t.exposeFloat('areaM2', { nullable: true }),
    owner: t.field({
      type: MemberRef,
      nullable: true,
      resolve: (resource, _args, { rows }) =>
        resource.ownerMemberId === null ? null : rows.member(resource.ownerMemberId),
    }),
    openingHours: t.field({ type: [OpeningHoursRef], resolve: (resource) => resource.openingHours }),
    rules: t.field({ type: BookingRulesRef, resolve: (resource) => resource.rules }),
    closures: t.field({ type: [ClosureRef], resolve: (resource) => resource.closures }),
    site: t.field({
      type: SiteRef,
      nullable: true,
      resolve: (resource, _args, { rows }) => (resource.siteId === null ? null : rows.site(resource.siteId)),
    }),
  }),
});

const clockTime = z.string().refine((value) => parseClockTime(value) !== undefined, 'heure attendue au format HH:MM');

const OpeningHoursInput = builder.inputType('OpeningHoursInput', {
  fields: (t) => ({
    weekday: t.int({ required: true, description: '1 = Monday … 7 = Sunday', validate: z.number().int().min(1).max(7) }),
    opens: t.string({ required: true, validate: clockTime }),
    closes: t.string({ required: true, validate: clockTime }),
  }),
});

const minutes = z.number().int().min(0).max(366 * 24 * 60);

const BookingRulesInput = builder.inputType('BookingRulesInput', {
  description: 'Omitted fields take their default value.',
  fields: (t) => ({
    minDurationMinutes: t.int({ required: false, validate: minutes.min(1) }),
    maxDurationMinutes: t.int({ required: false, validate: minutes.min(1) }),
    minNoticeMinutes: t.int({ required: false, validate: minutes }),
    maxAdvanceDays: t.int({ required: false, validate: z.number().int().min(0).max(3_650) }),
    cancellationDeadlineMinutes: t.int({ required: false, validate: minutes }),
    slotGranularityMinutes: t.int({ required: false, validate: z.number().int().min(1).max(24 * 60) }),
    bufferMinutes: t.int({ required: false, validate: minutes }),
    requiresApproval: t.boolean({ required: false }),
  }),
});

const ClosureInput = builder.inputType('ClosureInput', {
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true }),
    to: t.field({ type: 'Date', required: true }),
    reason: t.string({ required: true, validate: requiredText(200) }),
  }),
});

const BookingSettingsInput = builder.inputType('BookingSettingsInput', {
  description: 'Replaces the resource’s opening hours, rules and closures as a whole.',
  fields: (t) => ({
    openingHours: t.field({ type: [OpeningHoursInput], required: true, validate: z.array(z.unknown()).max(50) }),
    rules: t.field({ type: BookingRulesInput, required: true }),
    closures: t.field({ type: [ClosureInput], required: true, validate: z.array(z.unknown()).max(500) }),
  }),
});

const RegisterResourceInput = builder.inputType('RegisterResourceInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: requiredText(200) }),
    kind: t.field({ type: ResourceKindEnum, required: true }),
    capacity: t.int({ required: false, validate: z.number().int().min(1).max(MAX_CAPACITY).nullish() }),
    hourlyRateCents: t.int({ required: false, validate: z.number().int().min(0).max(MAX_HOURLY_RATE_CENTS).nullish() }),
    ownerMemberId: t.id({ required: false, validate: z.string().max(100).nullish() }),
    areaM2: t.float({ required: false, validate: z.number().positive().max(1_000_000).nullish() }),
    openingHours: t.field({ type: [OpeningHoursInput], required: false, validate: z.array(z.unknown()).max(50).nullish() }),
    rules: t.field({ type: BookingRulesInput, required: false }),
    closures: t.field({ type: [ClosureInput], required: false, validate: z.array(z.unknown()).max(500).nullish() }),
    siteId: t.id({ required: false, validate: z.string().max(100).nullish() }),
  }),
});

const DeclareOccupancyInput = builder.inputType('DeclareOccupancyInput', {
  description: 'Area-based keys count `areaM2 × days` of the spaces a member occupies.',
  fields: (t) => ({
    memberId: t.id({ required: true, validate: z.string().min(1).max(100) }),
    resourceId: t.id({ required: true, validate: z.string().min(1).max(100) }),
    from: t.field({ type: 'Date', required: true }),
    to: t.field({ type: 'Date', required: false }),
  }),
});

const EndOccupancyInput = builder.inputType('EndOccupancyInput', {
  description: 'The structure leaves the space: from `to` on (first day no longer occupied), it no longer weighs on area keys.',
  fields: (t) => ({
    memberId: t.id({ required: true, validate: z.string().min(1).max(100) }),
    resourceId: t.id({ required: true, validate: z.string().min(1).max(100) }),
    to: t.field({ type: 'Date', required: true }),
  }),
});

builder.queryFields((t) => ({
  resources: t.field({
    type: [ResourceRef],
    args: {
      siteId: t.arg.id({ required: false, description: 'Only the resources of this site.' }),
      kind: t.arg({ type: ResourceKindEnum, required: false }),
      asOf: t.arg({ type: 'DateTime', required: false, description: AS_OF }),
    },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua, actor }) => {
      const room = partnerRoomOf(mutua);
      return (await room.reads.resources(await room.asOfPosition(actor, args.asOf))).filter((resource) =>
        (args.siteId == null || resource.siteId === String(args.siteId)) && (args.kind == null || resource.kind === args.kind));
    }),
  }),
  resource: t.field({
    type: ResourceRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: allow('SIGNED_IN', (_parent, args, { rows }) => rows.resource(String(args.id))),
  }),
}));

builder.mutationFields((t) => ({
  registerResource: t.field({
    type: ResourceRef,
    args: { input: t.arg({ type: RegisterResourceInput, required: true }) },
    resolve: allow(['COORDINATOR'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.resources.registerResource({ actor, correlationId }, {
        name: input.name,
        kind: input.kind,
        capacity: input.capacity ?? 1,
        hourlyRateCents: input.hourlyRateCents ?? 0,
        ownerMemberId: input.ownerMemberId == null ? null : String(input.ownerMemberId),
        areaM2: input.areaM2 ?? null,
        openingHours: input.openingHours ?? [],
        rules: withDefaults(input.rules ?? {}),
        closures: input.closures ?? [],
        siteId: input.siteId == null ? null : String(input.siteId),
      }),
    ),
  }),
  changeBookingSettings: t.field({
    type: ResourceRef,
    args: { resourceId: t.arg.id({ required: true }), input: t.arg({ type: BookingSettingsInput, required: true }) },
    resolve: allow(['COORDINATOR'], (_parent, { resourceId, input }, { mutua, actor, correlationId }) =>
      mutua.commands.resources.changeBookingSettings({ actor, correlationId }, String(resourceId), {
        openingHours: input.openingHours,
        rules: withDefaults(input.rules),
        closures: input.closures,
      }),
    ),
  }),
  declareOccupancy: t.field({
    type: 'Boolean',
    args: { input: t.arg({ type: DeclareOccupancyInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      await mutua.commands.resources.declareOccupancy({ actor, correlationId }, {
        memberId: String(input.memberId), resourceId: String(input.resourceId), from: input.from, to: input.to ?? null,
      });
      return true;
    }),
  }),
  endOccupancy: t.field({
    type: 'Boolean',
    description: 'Ends the occupancy of the space that still runs the day before `to`; refused with PERIOD_CLOSED when a closed period ends after `to`.',
    args: { input: t.arg({ type: EndOccupancyInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      await mutua.commands.resources.endOccupancy({ actor, correlationId }, { memberId: String(input.memberId), resourceId: String(input.resourceId), to: input.to });
      return true;
    }),
  }),
}));


type RulesInput = { [Rule in keyof BookingRules]?: BookingRules[Rule] | null };

/** Rules left out of the input take their default value. */
function withDefaults(rules: RulesInput): BookingRules {
  const present = Object.entries(rules).filter(([, value]) => value !== null && value !== undefined);
  return { ...DEFAULT_BOOKING_RULES, ...(Object.fromEntries(present) as Partial<BookingRules>) };
}
