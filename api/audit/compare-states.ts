import { type MemberView } from '../../projections/members/members-projection.js';
import { type ResourceView } from '../../projections/resources/resources-projection.js';
import { canonicalJson } from '../../eventstore/integrity/event-hash.js';
import { type AsOfReads } from './as-of-reads.js';
import { type AsOf, type PastPosition } from './time-travel.js';

export interface StateSummary {
  asOf: Date;
  /** Position of the last event of the log at that instant; -1 before the first. */
  position: number;
  eventCount: number;
  members: readonly MemberView[];
  resources: readonly ResourceView[];
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

/**
 * Each member's balance as it stood, for the members registered by then, in alphabetical order.
 */
export async function memberBalancesAsOf(reads: AsOfReads, asOf: AsOf): Promise<Array<{ member: MemberView; balanceCents: number }>> {
  const [members, balances] = await Promise.all([reads.members(asOf), reads.memberBalances(asOf)]);
  return balancesOf(members, balances);
}

/** The balances of `members` (already in alphabetical order), 0 for one without entries. */
function balancesOf(members: readonly MemberView[], balances: ReadonlyMap<string, number>): Array<{ member: MemberView; balanceCents: number }> {
  return members.map((member) => ({ member, balanceCents: balances.get(member.memberId) ?? 0 }));
}

/** The ledger in summary as of a past position. */
export async function summaryAt(reads: AsOfReads, past: PastPosition): Promise<StateSummary> {
  const asOf = { asOfPosition: past.position };
  const [members, resources, activeReservationCount, balances] = await Promise.all([
    reads.members(asOf), reads.resources(asOf), reads.activeReservationCount(asOf), reads.memberBalances(asOf),
  ]);
  return {
    asOf: past.asOf,
    position: past.position,
    eventCount: past.eventCount,
    members,
    resources,
    activeReservationCount,
    balances: balancesOf(members, balances).map(({ member, balanceCents }) => ({ memberId: member.memberId, balanceCents })),
  };
}

/**
 * The side-by-side of two instants the partner room shows: both states in summary, and what
 * changed in between. Each side is read as of its position; the two answers are those of two
 * stores truncated at each instant.
 */
export async function compareStates(reads: AsOfReads, fromPast: PastPosition, toPast: PastPosition): Promise<StateComparison> {
  const [from, to] = await Promise.all([summaryAt(reads, fromPast), summaryAt(reads, toPast)]);
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
