import { z } from 'zod';
import { type CalendarFeedRecord } from '../calendar-feeds/calendar-feed-store.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { MemberRef } from './member.js';
import { ResourceRef } from './resource.js';

/** The secret is there only in the answer that created the feed. */
const CalendarFeedRef = builder.objectRef<CalendarFeedRecord & { token?: string }>('CalendarFeed');

CalendarFeedRef.implement({
  description: 'A secret iCalendar address of a resource’s or a structure’s reservations, to subscribe to from a calendar application.',
  fields: (t) => ({
    id: t.exposeID('feedId'),
    url: t.string({
      nullable: true,
      description: 'The secret address, given once, in the answer of createCalendarFeed: only its SHA-256 is stored. '
        + 'Null afterwards; a lost address is revoked and replaced by a new feed.',
      resolve: (feed, _args, { baseUrl }) => (feed.token === undefined ? null : `${baseUrl}/calendars/${feed.token}.ics`),
    }),
    resource: t.field({
      type: ResourceRef,
      nullable: true,
      resolve: (feed, _args, { rows }) => (feed.resourceId ? rows.resource(feed.resourceId) : null),
    }),
    member: t.field({
      type: MemberRef,
      nullable: true,
      resolve: (feed, _args, { rows }) => (feed.memberId ? rows.member(feed.memberId) : null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (feed) => feed.createdAt }),
  }),
});

const CreateCalendarFeedInput = builder.inputType('CreateCalendarFeedInput', {
  description: 'Either a resource or a member structure.',
  fields: (t) => ({
    resourceId: t.id({ required: false, validate: z.string().max(100).nullish() }),
    memberId: t.id({ required: false, validate: z.string().max(100).nullish() }),
  }),
});

builder.queryFields((t) => ({
  calendarFeeds: t.field({
    type: [CalendarFeedRef],
    description: 'The caller’s own secret calendar addresses that are not revoked.',
    resolve: allow('SIGNED_IN', (_parent, _args, { mutua, actor }) => mutua.calendarFeeds.listOwnedBy(actor)),
  }),
}));

builder.mutationFields((t) => ({
  createCalendarFeed: t.field({
    type: CalendarFeedRef,
    args: { input: t.arg({ type: CreateCalendarFeedInput, required: true }) },
    resolve: allow('SIGNED_IN', (_parent, { input }, { mutua, actor }) =>
      mutua.calendarFeeds.create(actor, {
        resourceId: input.resourceId == null ? null : String(input.resourceId),
        memberId: input.memberId == null ? null : String(input.memberId),
      })),
  }),
  revokeCalendarFeed: t.field({
    type: 'Boolean',
    args: { feedId: t.arg.id({ required: true, validate: z.string().max(100) }) },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua, actor }) => {
      await mutua.calendarFeeds.revoke(actor, String(args.feedId));
      return true;
    }),
  }),
}));
