import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.js';
import { memberWhoseFiguresAreRead } from '../auth/actor.js';
import { usageDateOf, usageMinutesOf } from '../../domain/usage/usage-entry.js';
import { listUsageEntries, type UsageView } from '../../projections/usage/usage-projection.js';
import { listClosedPeriods } from '../../projections/finance/finance-reads.js';
import { closedPeriodOfEntry } from '../commands/usage-commands.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { MemberRef } from './member.js';
import { ResourceRef } from './resource.js';
import { requiredText } from './input-text.js';

/** An entry as listed, with whether its period is closed, read once for the whole list. */
type ListedUsageEntry = UsageView & { inClosedPeriod: boolean };

const UsageEntryRef = builder.objectRef<ListedUsageEntry>('UsageEntry');

UsageEntryRef.implement({
  description: 'Usage that happened without a reservation: a shared employee’s timesheet, machine time used on the spot.',
  fields: (t) => ({
    id: t.exposeID('entryId'),
    resource: t.field({ type: ResourceRef, resolve: (entry, _args, { rows }) => rows.existingResource(entry.resourceId) }),
    member: t.field({ type: MemberRef, resolve: (entry, _args, { rows }) => rows.existingMember(entry.memberId) }),
    start: t.field({ type: 'DateTime', resolve: (entry) => entry.start }),
    end: t.field({ type: 'DateTime', resolve: (entry) => entry.end }),
    durationMinutes: t.int({
      description: 'The entry’s length in minutes, as the allocation keys weigh it and the settlement counts it.',
      resolve: (entry) => usageMinutesOf(entry),
    }),
    note: t.exposeString('note', { nullable: true }),
    reversed: t.boolean({ resolve: (entry) => entry.reversal !== null }),
    reversalReason: t.string({ nullable: true, resolve: (entry) => entry.reversal?.reason ?? null }),
    inClosedPeriod: t.exposeBoolean('inClosedPeriod', {
      description: 'Whether the entry belongs to a closed period: only the coordination reverses it then, in an open period.',
    }),
  }),
});

const id = z.string().min(1).max(100);

const RecordUsageInput = builder.inputType('RecordUsageInput', {
  description: 'Usage that happened: `end` is not in the future.',
  fields: (t) => ({
    resourceId: t.id({ required: true, validate: id }),
    memberId: t.id({ required: true, validate: id }),
    start: t.field({ type: 'DateTime', required: true }),
    end: t.field({ type: 'DateTime', required: true }),
    note: t.string({ required: false, validate: z.string().max(500).nullish() }),
  }),
});

const ReverseUsageInput = builder.inputType('ReverseUsageInput', {
  fields: (t) => ({
    entryId: t.id({ required: true, validate: id }),
    reason: t.string({ required: true, validate: requiredText(500) }),
  }),
});

/** At most a year of usage entries per query. */
const MAX_USAGE_RANGE_MS = 366 * 86_400_000;

/**
 * At most this many entries per query: a busy pôle records thousands a month (a million, in the
 * settlement benchmark), and a month of all structures' entries, read and sent whole, would hold
 * the server for every other request. A screen lists a few hundred; more is narrowed by a filter.
 */
export const MAX_USAGE_ENTRIES_PER_QUERY = 2_000;

builder.queryFields((t) => ({
  usageEntries: t.field({
    type: [UsageEntryRef],
    description: `Usage entries starting in [from, to), of one resource or member, or of all, by start: at most ${MAX_USAGE_ENTRIES_PER_QUERY.toLocaleString('en')}. `
      + 'More is refused with VALIDATION_FAILED (`field: "from"`): narrow the request by member, resource or a shorter range. '
      + 'A member user reads its own structure’s only: without `memberId` it gets those, and another structure’s is FORBIDDEN.',
    args: {
      resourceId: t.arg.id({ required: false }),
      memberId: t.arg.id({ required: false }),
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
    },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua, actor }) => {
      const rangeMs = args.to.getTime() - args.from.getTime();
      if (!(rangeMs > 0 && rangeMs <= MAX_USAGE_RANGE_MS)) throw new DomainError('VALIDATION_FAILED', 'La période demandée va de 1 min à 366 jours.');
      // DESIGN: a member « sees its own usage »: a shared employee's timesheet is not another structure's to read.
      const memberId = memberWhoseFiguresAreRead(actor, args.memberId == null ? null : String(args.memberId), 'les saisies d’usage');
      const [entries, closedPeriods] = await Promise.all([
        listUsageEntries(mutua.readModels.db, {
          from: args.from, to: args.to,
          resourceId: args.resourceId == null ? null : String(args.resourceId), memberId,
          // One more than listed: whether there are more is known without reading them.
          limit: MAX_USAGE_ENTRIES_PER_QUERY + 1,
        }),
        listClosedPeriods(mutua.readModels.db),
      ]);
      if (entries.length > MAX_USAGE_ENTRIES_PER_QUERY) {
        throw new DomainError('VALIDATION_FAILED',
          `Plus de ${MAX_USAGE_ENTRIES_PER_QUERY.toLocaleString('fr-FR')} saisies d’usage sur cette plage : choisissez une structure ou une ressource, ou une plage plus courte.`,
          { field: 'from' });
      }
      return entries.map((entry) => ({ ...entry, inClosedPeriod: closedPeriodOfEntry(usageDateOf(entry), closedPeriods) !== undefined }));
    }),
  }),
}));

builder.mutationFields((t) => ({
  recordUsage: t.field({
    type: 'Boolean',
    args: { input: t.arg({ type: RecordUsageInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      await mutua.commands.usage.recordUsage({ actor, correlationId }, {
        resourceId: String(input.resourceId), memberId: String(input.memberId), start: input.start, end: input.end, note: input.note?.trim() || null,
      });
      return true;
    }),
  }),
  reverseUsage: t.field({
    type: 'Boolean',
    description: 'Cancels a usage entry by a reversal with its reason: entries are never edited. A closed period’s entry is reversed by the coordination only, dated today, in an open period whose settlement gives its charge back.',
    args: { input: t.arg({ type: ReverseUsageInput, required: true }) },
    resolve: allow(['COORDINATOR', 'MEMBER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      await mutua.commands.usage.reverseUsage({ actor, correlationId, reason: input.reason }, String(input.entryId));
      return true;
    }),
  }),
}));
