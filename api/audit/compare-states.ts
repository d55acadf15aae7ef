import { calendarsProjection } from '../../projections/calendars/calendars-projection.js';
import { balancesAsOf, financeProjection } from '../../projections/finance/finance-projection.js';
import { listMembers, membersProjection, type MemberView } from '../../projections/members/members-projection.js';
import { listResources, resourcesProjection, type ResourceView } from '../../projections/resources/resources-projection.js';
import { canonicalJson } from '../../eventstore/integrity/event-hash.js';
import { type Projection } from '../../projections/projection.js';
import { type PastState } from './folded-past-models.js';

export interface StateSummary {
  asOf: Date;
  /** Position of the last event of the log at that instant; -1 before the first. */
  position: number;
  eventCount: number;
  members: MemberView[];
  resources: ResourceView[];
  /** Reservations confirmed or awaiting approval at that instant. */
  activeReservationCount: number;
  balances: Array<{ memberId: string; balanceCents: number }>;
}

export interface BalanceChange {
  memberId: string;
  fromCents: number;
  toCents: number;
  changeCents: number;
}

export interface StateComparison {
  from: StateSummary;
  to: StateSummary;
  eventsBetween: number;
  membersJoined: MemberView[];
  /** Members whose departure was recorded between the two instants, as known at `to`. */
  membersLeft: MemberView[];
  resourcesRegistered: ResourceView[];
  /** Resources whose opening hours, rules or closures changed between the two instants, as at `to`. */
  resourcesChanged: ResourceView[];
  balances: BalanceChange[];
}

/** What a past balance is folded from. */
export const BALANCE_PROJECTIONS = [membersProjection, financeProjection] as Projection<unknown>[];
/** What a side-by-side reads of each instant. */
export const COMPARED_PROJECTIONS = [membersProjection, resourcesProjection, calendarsProjection, financeProjection] as Projection<unknown>[];

/**
 * Each member's balance as it stood: the entries recorded up to the instant, for the members
 * registered by then. (The finance model keeps an account for every member ever registered:
 * read live, a later member would show a balance of 0 at an instant it did not exist.)
 */
export function balancesAt(state: PastState): Array<{ member: MemberView; balanceCents: number }> {
  const members = state.model(membersProjection);
  return [...balancesAsOf(state.model(financeProjection), state.asOf.getTime())].flatMap(([memberId, balanceCents]) => {
    const member = members.get(memberId);
    return member ? [{ member, balanceCents }] : [];
  }).sort((a, b) => a.member.name.localeCompare(b.member.name, 'fr'));
}

export function summaryOf(state: PastState): StateSummary {
  const members = listMembers(state.model(membersProjection));
  return {
    asOf: state.asOf,
    position: state.position,
    eventCount: state.eventCount,
    members,
    resources: listResources(state.model(resourcesProjection)),
    activeReservationCount: [...state.model(calendarsProjection).byId.values()].filter((reservation) => reservation.status === 'CONFIRMED' || reservation.status === 'REQUESTED').length,
    balances: balancesAt(state).map(({ member, balanceCents }) => ({ memberId: member.memberId, balanceCents })),
  };
}

/**
 * The side-by-side of two instants the partner room shows: both states in summary, and what
 * changed in between. Each side is folded from the log by time travel; the two answers are
 * those of two stores truncated at each instant.
 */
export function compareStates(fromState: PastState, toState: PastState): StateComparison {
  const from = summaryOf(fromState);
  const to = summaryOf(toState);
  const membersBefore = new Map(from.members.map((member) => [member.memberId, member]));
  const resourcesBefore = new Map(from.resources.map((resource) => [resource.resourceId, resource]));
  const balancesBefore = new Map(from.balances.map((balance) => [balance.memberId, balance.balanceCents]));
  const settings = (resource: ResourceView) => canonicalJson({ openingHours: resource.openingHours, rules: resource.rules, closures: resource.closures });
  return {
    from,
    to,
    eventsBetween: to.eventCount - from.eventCount,
    membersJoined: to.members.filter((member) => !membersBefore.has(member.memberId)),
    membersLeft: to.members.filter((member) => member.leftOn !== null && membersBefore.get(member.memberId)?.leftOn == null),
    resourcesRegistered: to.resources.filter((resource) => !resourcesBefore.has(resource.resourceId)),
    resourcesChanged: to.resources.filter((resource) => {
      const before = resourcesBefore.get(resource.resourceId);
      return before !== undefined && settings(before) !== settings(resource);
    }),
    balances: to.balances.map(({ memberId, balanceCents }) => {
      const fromCents = balancesBefore.get(memberId) ?? 0;
      return { memberId, fromCents, toCents: balanceCents, changeCents: balanceCents - fromCents };
    }),
  };
}
