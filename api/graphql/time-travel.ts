import { DomainError } from '../../domain/shared/errors.js';
import { type BalanceChange, compareStates, type StateComparison, type StateSummary } from '../audit/compare-states.js';
import { PARTNER_ROOM_READERS, partnerRoomOf } from '../audit/partner-room.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { MemberRef } from './member.js';
import { ResourceRef } from './resource.js';

const BalanceChangeRef = builder.objectRef<BalanceChange>('BalanceChange');
BalanceChangeRef.implement({
  fields: (t) => ({
    member: t.field({ type: MemberRef, resolve: (change, _args, { rows }) => rows.existingMember(change.memberId) }),
    fromCents: t.exposeInt('fromCents'),
    toCents: t.exposeInt('toCents'),
    changeCents: t.exposeInt('changeCents'),
  }),
});

const PastBalanceRef = builder.objectRef<StateSummary['balances'][number]>('PastBalance');
PastBalanceRef.implement({
  fields: (t) => ({
    member: t.field({ type: MemberRef, resolve: (balance, _args, { rows }) => rows.existingMember(balance.memberId) }),
    balanceCents: t.exposeInt('balanceCents', { description: 'Positive: the member owed the pôle; negative: the pôle owed it.' }),
  }),
});

const StateSummaryRef = builder.objectRef<StateSummary>('LedgerState');
StateSummaryRef.implement({
  description: 'The ledger as it stood at an instant: the log up to the last event recorded at or before it.',
  fields: (t) => ({
    asOf: t.field({ type: 'DateTime', resolve: (state) => state.asOf }),
    position: t.exposeFloat('position', { description: 'Position of the last event folded in; -1 before the first.' }),
    eventCount: t.exposeInt('eventCount'),
    members: t.field({ type: [MemberRef], resolve: (state) => state.members }),
    resources: t.field({ type: [ResourceRef], resolve: (state) => state.resources }),
    activeReservationCount: t.exposeInt('activeReservationCount'),
    balances: t.field({ type: [PastBalanceRef], resolve: (state) => state.balances }),
  }),
});

const StateComparisonRef = builder.objectRef<StateComparison>('StateComparison');
StateComparisonRef.implement({
  description: 'Two instants side by side, and what changed between them.',
  fields: (t) => ({
    from: t.field({ type: StateSummaryRef, resolve: (comparison) => comparison.from }),
    to: t.field({ type: StateSummaryRef, resolve: (comparison) => comparison.to }),
    eventsBetween: t.exposeInt('eventsBetween', { description: 'Browse them with history(from, to, order: OLDEST_FIRST).' }),
    membersJoined: t.field({ type: [MemberRef], resolve: (comparison) => comparison.membersJoined }),
    membersLeft: t.field({ type: [MemberRef], resolve: (comparison) => comparison.membersLeft }),
    resourcesRegistered: t.field({ type: [ResourceRef], resolve: (comparison) => comparison.resourcesRegistered }),
    resourcesChanged: t.field({ type: [ResourceRef], resolve: (comparison) => comparison.resourcesChanged }),
    balances: t.field({ type: [BalanceChangeRef], resolve: (comparison) => comparison.balances }),
  }),
});

builder.queryFields((t) => ({
  compareStates: t.field({
    type: StateComparisonRef,
    description: 'The ledger at two instants side by side. Members, resources and reservations as they stood also come from `members(asOf:)`, `resources(asOf:)`, `reservations(asOf:)` and `balances(asOf:)`.',
    args: { from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }) },
    resolve: allow(PARTNER_ROOM_READERS, async (_parent, args, { mutua }) => {
      if (args.from.getTime() > args.to.getTime()) throw new DomainError('VALIDATION_FAILED', 'La première date précède la seconde.');
      const room = partnerRoomOf(mutua);
      const [from, to] = await Promise.all([room.timeTravel.at(args.from), room.timeTravel.at(args.to)]);
      return compareStates(room.reads, from, to);
    }),
  }),
}));
