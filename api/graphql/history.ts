import { z } from 'zod';
import { chainLinkOf } from '../../eventstore/integrity/event-hash.js';
import { type ActorView } from '../audit/history/actor-label.js';
import { EVENT_CATALOGUE, type EventTypeEntry, HISTORY_AREAS } from '../audit/history/event-catalogue.js';
import { MAX_HISTORY_PAGE_SIZE } from '../audit/history/history-reader.js';
import { type HistoryFilter } from '../audit/history/history-filter.js';
import { type HistoryEntry, type HistoryPage } from '../audit/history/history-service.js';
import { partnerRoomOf } from '../audit/partner-room.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { RoleEnum } from './enums.js';
import { MemberRef } from './member.js';

const HistoryAreaEnum = builder.enumType('HistoryArea', { values: HISTORY_AREAS });
const HistoryOrderEnum = builder.enumType('HistoryOrder', { values: ['NEWEST_FIRST', 'OLDEST_FIRST'] as const });

const EventTypeRef = builder.objectRef<EventTypeEntry>('AuditEventType');
EventTypeRef.implement({
  description: 'An event type of the ledger, with its French label: what the history’s type filter offers.',
  fields: (t) => ({
    type: t.exposeString('type'),
    label: t.exposeString('label'),
    area: t.field({ type: HistoryAreaEnum, resolve: (entry) => entry.area }),
    technical: t.exposeBoolean('technical', { description: 'Bookkeeping of the ledger itself (a calendar month opened): a UI may hide it.' }),
  }),
});

const HistoryActorRef = builder.objectRef<ActorView>('HistoryActor');
HistoryActorRef.implement({
  description: 'Who acted, by role and structure: never an e-mail address (see actor-label.ts).',
  fields: (t) => ({
    userId: t.exposeID('userId', { description: 'The account’s id as the event names it; `system` for Mutua’s own acts.' }),
    role: t.exposeString('role'),
    member: t.field({
      type: MemberRef, nullable: true,
      resolve: (actor, _args, { rows }) => (actor.memberId === null ? null : rows.member(actor.memberId)),
    }),
    label: t.exposeString('label', { description: '« Coordination du pôle », « Trésorerie », « Coop Bâtisseurs (structure membre) », « personne effacée — Trésorerie ».' }),
    personErased: t.exposeBoolean('personErased'),
  }),
});

const HistoryEventRef = builder.objectRef<HistoryEntry>('HistoryEvent');
HistoryEventRef.implement({
  description: 'One event of the global log: a French sentence, who, when and why, and the event as stored.',
  fields: (t) => ({
    cursor: t.string({ resolve: (entry) => String(entry.event.position) }),
    position: t.float({ description: 'Position in the global log (an integer; Float because KurrentDB positions exceed 32 bits).', resolve: (entry) => entry.event.position }),
    streamId: t.string({ resolve: (entry) => entry.event.streamId }),
    revision: t.int({ resolve: (entry) => entry.event.revision }),
    eventId: t.id({ resolve: (entry) => entry.event.id }),
    type: t.string({ resolve: (entry) => entry.event.type }),
    typeLabel: t.string({ resolve: (entry) => entry.catalogue.label }),
    area: t.field({ type: HistoryAreaEnum, resolve: (entry) => entry.catalogue.area }),
    technical: t.boolean({ resolve: (entry) => entry.catalogue.technical }),
    description: t.exposeString('description', { description: 'The event in plain French; dates and times in Europe/Paris.' }),
    actor: t.field({ type: HistoryActorRef, resolve: (entry) => entry.actor }),
    recordedAt: t.field({ type: 'DateTime', description: 'When the store recorded it.', resolve: (entry) => entry.event.recordedAt }),
    decidedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the command was decided; covered by the event’s hash.', resolve: (entry) => entry.event.metadata.recordedAt ?? null }),
    businessDate: t.field({ type: 'Date', nullable: true, description: 'The date the event is about (a reservation’s day, a cost’s date).', resolve: (entry) => entry.event.metadata.businessDate ?? null }),
    reason: t.string({ nullable: true, resolve: (entry) => entry.event.metadata.reason ?? null }),
    correlationId: t.string({ description: 'Shared by every event of the same request.', resolve: (entry) => entry.event.metadata.correlationId }),
    data: t.string({ description: 'The event’s data as stored, JSON; for a MEMBER, an invoice numbering lists its own documents only (the hash is the whole event’s).', resolve: (entry) => JSON.stringify(entry.event.data) }),
    metadata: t.string({ description: 'The event’s metadata as stored, JSON, hashes included.', resolve: (entry) => JSON.stringify(entry.event.metadata) }),
    hash: t.string({ nullable: true, resolve: (entry) => chainLinkOf(entry.event).hash ?? null }),
    previousHash: t.string({ nullable: true, resolve: (entry) => chainLinkOf(entry.event).previousHash ?? null }),
    memberIds: t.idList({ description: 'The structures the event is about: links to their own history.', resolve: (entry) => entry.subjects.memberIds }),
    resourceIds: t.idList({ resolve: (entry) => entry.subjects.resourceIds }),
    poolIds: t.idList({ resolve: (entry) => entry.subjects.poolIds }),
    periodIds: t.idList({ resolve: (entry) => entry.subjects.periodIds }),
  }),
});

const HistoryPageRef = builder.objectRef<HistoryPage>('HistoryPage');
HistoryPageRef.implement({
  description: 'A page of the history. It may hold fewer events than asked when the scan budget ran out: while `hasMore`, ask again with `after: endCursor`.',
  fields: (t) => ({
    events: t.field({ type: [HistoryEventRef], resolve: (page) => page.entries }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
    hasMore: t.exposeBoolean('hasMore'),
    scannedEventCount: t.exposeInt('scannedEventCount'),
  }),
});

const id = z.string().min(1).max(100);

builder.queryFields((t) => ({
  history: t.field({
    type: HistoryPageRef,
    description: 'The global log, filtered and paged by cursor. A MEMBER reads its own structure’s history and the shared resources’ only; asking for another structure’s is FORBIDDEN.',
    args: {
      memberId: t.arg.id({ required: false, validate: id.nullish() }),
      resourceId: t.arg.id({ required: false, validate: id.nullish() }),
      poolId: t.arg.id({ required: false, validate: id.nullish() }),
      periodId: t.arg.id({ required: false, validate: id.nullish() }),
      siteId: t.arg.id({ required: false, validate: id.nullish() }),
      types: t.arg.stringList({ required: false, validate: z.array(z.string().max(100)).max(50).nullish() }),
      actorUserId: t.arg.id({ required: false, validate: id.nullish() }),
      actorRole: t.arg({ type: RoleEnum, required: false }),
      correlationId: t.arg.string({ required: false, validate: id.nullish() }),
      from: t.arg({ type: 'DateTime', required: false, description: 'Recorded at or after.' }),
      to: t.arg({ type: 'DateTime', required: false, description: 'Recorded before.' }),
      order: t.arg({ type: HistoryOrderEnum, required: false, description: 'NEWEST_FIRST by default.' }),
      first: t.arg.int({ required: false, validate: z.number().int().min(1).max(MAX_HISTORY_PAGE_SIZE).nullish() }),
      after: t.arg.string({ required: false, description: 'The `endCursor` of the previous page.', validate: z.string().regex(/^-?\d{1,16}$/, 'curseur invalide').nullish() }),
    },
    resolve: allow('SIGNED_IN', (_parent, args, { mutua, actor }) => {
      const text = (value: string | number | null | undefined) => (value == null ? undefined : String(value));
      const filter: HistoryFilter = {
        memberId: text(args.memberId), resourceId: text(args.resourceId), poolId: text(args.poolId), periodId: text(args.periodId),
        siteId: text(args.siteId), types: args.types ?? undefined, actorUserId: text(args.actorUserId), actorRole: args.actorRole ?? undefined,
        correlationId: text(args.correlationId), fromMs: args.from?.getTime(), toMs: args.to?.getTime(),
      };
      return partnerRoomOf(mutua).history(actor, {
        filter, order: args.order ?? 'NEWEST_FIRST', first: args.first ?? 50, ...(args.after == null ? {} : { after: args.after }),
      });
    }),
  }),
  auditEventTypes: t.field({
    type: [EventTypeRef],
    description: 'Every event type of the ledger with its French label.',
    resolve: allow('SIGNED_IN', () => EVENT_CATALOGUE),
  }),
}));
