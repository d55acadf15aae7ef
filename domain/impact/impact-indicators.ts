import { type Closure, type OpeningHours } from '../../shared/booking-rules.js';
import { type ResourceKind, RESOURCE_KINDS } from '../../shared/enums.js';
import { assert } from '../shared/errors.js';
import { daysBetween, parisDateOf, startOfParisDay } from '../../shared/paris-time.js';
import { directChargeCents } from '../settlement/direct-charge.js';
import { openHoursBetween } from './opening-hours.js';

/**
 * Impact indicators, computed from the ledger's facts over the Paris dates `from ≤ d < to`,
 * never typed in. Conventions:
 * - hours of shared use count confirmed reservations, reservations cancelled after the deadline
 *   (the slot was held and is paid) and usage entries, `duration × quantity`, for the part of each
 *   that falls inside the range;
 * - euros follow the settlement's rule: a reservation or usage entry is charged whole to the range
 *   its start falls in;
 * - occupancy = those unit-hours / (opening hours in the range × capacity), from the day the
 *   resource was registered, or from the day of its first use in the range when that came earlier
 *   (a pôle records the use of a time before it registered the resource in Mutua); a resource
 *   without opening hours is open 24 h a day;
 * - FTE = staff hours / (1 607 h × days in the range / 365): 1 607 h is the French legal annual
 *   working time of a full-time employee (35 h a week, less paid leave and public holidays, plus
 *   the « journée de solidarité »).
 */
export const ANNUAL_HOURS_PER_FTE = 1_607;
const HOUR_MS = 3_600_000;

export interface ImpactRange {
  from: string;
  to: string;
}

export interface ImpactFacts {
  range: ImpactRange;
  members: ReadonlyArray<{ memberId: string; joinedOn: string; leftOn: string | null }>;
  resources: ReadonlyArray<{
    resourceId: string; kind: ResourceKind; siteId: string | null; ownerMemberId: string | null; capacity: number;
    areaM2: number | null; hourlyRateCents: number; openingHours: readonly OpeningHours[]; closures: readonly Closure[];
    /** The Paris date the resource was registered: it is not open before. */
    registeredOn: string;
  }>;
  /** Confirmed and late-cancelled reservations, and usage entries not reversed. */
  uses: ReadonlyArray<{ resourceId: string; memberId: string; startMs: number; endMs: number; quantity: number }>;
  /** Costs dated in the range, and reversals (negative) dated in it. */
  costs: ReadonlyArray<{ poolId: string; amountCents: number }>;
}

export interface ResourceOccupancy {
  resourceId: string;
  usedUnitHours: number;
  openHours: number;
  /** usedUnitHours / (openHours × capacity); null when the resource was never open in the range. */
  occupancyRate: number | null;
}

export interface MemberFlow {
  /** The structure that used the resource. */
  userMemberId: string;
  /** The structure owning it; null for the pôle's own resources. */
  ownerMemberId: string | null;
  hours: number;
  directChargesCents: number;
  useCount: number;
}

export interface ImpactIndicators {
  range: ImpactRange;
  days: number;
  memberCount: number;
  /** Structures that used at least one shared resource in the range. */
  usingMemberCount: number;
  /** Structures that used a resource owned by another member structure. */
  usingOthersMemberCount: number;
  totalHours: number;
  hoursByKind: Array<{ kind: ResourceKind; hours: number }>;
  hoursBySite: Array<{ siteId: string | null; hours: number }>;
  occupancy: ResourceOccupancy[];
  sharedAreaM2: number;
  spaceCount: number;
  staffHours: number;
  staffFte: number;
  flows: MemberFlow[];
  mutualisedCostsCents: number;
  costsByPool: Array<{ poolId: string; amountCents: number }>;
}

export function computeImpactIndicators(facts: ImpactFacts): ImpactIndicators {
  const tally = new ImpactTally(facts);
  tally.add(facts.uses);
  return tally.indicators();
}

type ImpactUse = ImpactFacts['uses'][number];

/**
 * The indicators of a range, its uses added a page at a time (`add`): a year of a busy pôle is a
 * hundred thousand uses, which the server reads and adds between other requests rather than all
 * at once. The uses may come in any order and pages; the indicators are the same.
 */
export class ImpactTally {
  private readonly rangeStartMs: number;
  private readonly rangeEndMs: number;
  private readonly known: ReadonlyMap<string, ImpactFacts['resources'][number]>;
  private readonly usedUnitHours = new Map<string, number>();
  private readonly firstUsedMs = new Map<string, number>();
  private readonly flows = new Map<string, MemberFlow>();

  constructor(private readonly facts: Omit<ImpactFacts, 'uses'>) {
    assert(daysBetween(facts.range.from, facts.range.to) > 0, 'an impact range holds at least one day');
    this.rangeStartMs = startOfParisDay(facts.range.from).getTime();
    this.rangeEndMs = startOfParisDay(facts.range.to).getTime();
    this.known = new Map(facts.resources.map((resource) => [resource.resourceId, resource]));
  }

  add(uses: readonly ImpactUse[]): void {
    for (const use of uses) this.addUse(use);
  }

  private addUse(use: ImpactUse): void {
    const { rangeStartMs, rangeEndMs } = this;
    // A use counts whenever its resource was registered: the settlement charges it all the same.
    const resource = this.known.get(use.resourceId);
    if (!resource) return;
    const insideMs = Math.max(0, Math.min(use.endMs, rangeEndMs) - Math.max(use.startMs, rangeStartMs));
    const startsInside = use.startMs >= rangeStartMs && use.startMs < rangeEndMs;
    if (insideMs === 0 && !startsInside) return;
    const unitHours = (insideMs / HOUR_MS) * use.quantity;
    this.usedUnitHours.set(use.resourceId, (this.usedUnitHours.get(use.resourceId) ?? 0) + unitHours);
    const usedFromMs = Math.max(use.startMs, rangeStartMs);
    if (usedFromMs < (this.firstUsedMs.get(use.resourceId) ?? Number.POSITIVE_INFINITY)) this.firstUsedMs.set(use.resourceId, usedFromMs);
    const flow = flowOf(this.flows, use.memberId, resource.ownerMemberId);
    flow.hours += unitHours;
    if (startsInside) {
      flow.useCount += 1;
      const minutes = Math.round((use.endMs - use.startMs) / 60_000);
      if (resource.hourlyRateCents > 0) flow.directChargesCents += directChargeCents(minutes, use.quantity, resource.hourlyRateCents);
    }
  }

  indicators(): ImpactIndicators {
    const { facts: { range, members, costs }, usedUnitHours, firstUsedMs } = this;
    const days = daysBetween(range.from, range.to);
    // The resources of the range: registered before it ends, or used in it.
    const resources = new Map([...this.known].filter(([resourceId, resource]) => resource.registeredOn < range.to || firstUsedMs.has(resourceId)));
    const usedBy = [...this.flows.values()].filter((flow) => flow.hours > 0 || flow.useCount > 0);
    const staffHours = sumHours(usedUnitHours, (resourceId) => resources.get(resourceId)?.kind === 'STAFF');
    const spaces = [...resources.values()].filter((resource) => resource.kind === 'SPACE');
    return {
      range,
      days,
      memberCount: members.filter((member) => member.joinedOn < range.to && (member.leftOn === null || member.leftOn > range.from)).length,
      usingMemberCount: new Set(usedBy.map((flow) => flow.userMemberId)).size,
      usingOthersMemberCount: new Set(usedBy.filter((flow) => flow.ownerMemberId !== null && flow.ownerMemberId !== flow.userMemberId)
        .map((flow) => flow.userMemberId)).size,
      totalHours: roundHours(sumHours(usedUnitHours, () => true)),
      hoursByKind: RESOURCE_KINDS.map((kind) => ({ kind, hours: roundHours(sumHours(usedUnitHours, (resourceId) => resources.get(resourceId)?.kind === kind)) })),
      hoursBySite: hoursBySite(resources, usedUnitHours),
      occupancy: [...resources.values()].map((resource) =>
        occupancyOf(resource, usedUnitHours.get(resource.resourceId) ?? 0, range, firstUsedMs.get(resource.resourceId))),
      sharedAreaM2: spaces.reduce((sum, space) => sum + (space.areaM2 ?? 0), 0),
      spaceCount: spaces.length,
      staffHours: roundHours(staffHours),
      staffFte: Math.round((staffHours / (ANNUAL_HOURS_PER_FTE * days / 365)) * 1_000) / 1_000,
      flows: usedBy.map((flow) => ({ ...flow, hours: roundHours(flow.hours) }))
        .sort((a, b) => b.hours - a.hours || a.userMemberId.localeCompare(b.userMemberId)),
      ...costsOf(costs),
    };
  }
}

function flowOf(flows: Map<string, MemberFlow>, userMemberId: string, ownerMemberId: string | null): MemberFlow {
  const key = `${userMemberId}→${ownerMemberId ?? ''}`;
  let flow = flows.get(key);
  if (!flow) flows.set(key, (flow = { userMemberId, ownerMemberId, hours: 0, directChargesCents: 0, useCount: 0 }));
  return flow;
}

function sumHours(usedUnitHours: ReadonlyMap<string, number>, counts: (resourceId: string) => boolean): number {
  let hours = 0;
  for (const [resourceId, unitHours] of usedUnitHours) if (counts(resourceId)) hours += unitHours;
  return hours;
}

function hoursBySite(resources: ReadonlyMap<string, ImpactFacts['resources'][number]>, usedUnitHours: ReadonlyMap<string, number>) {
  const bySite = new Map<string | null, number>();
  for (const resource of resources.values()) {
    bySite.set(resource.siteId, (bySite.get(resource.siteId) ?? 0) + (usedUnitHours.get(resource.resourceId) ?? 0));
  }
  return [...bySite].map(([siteId, hours]) => ({ siteId, hours: roundHours(hours) }));
}

function occupancyOf(resource: ImpactFacts['resources'][number], usedUnitHours: number, range: ImpactRange, firstUsedMs: number | undefined): ResourceOccupancy {
  const firstUsedOn = firstUsedMs === undefined ? undefined : parisDateOf(new Date(firstUsedMs));
  const openSince = firstUsedOn !== undefined && firstUsedOn < resource.registeredOn ? firstUsedOn : resource.registeredOn;
  const openFrom = openSince > range.from ? openSince : range.from;
  const openHours = openHoursBetween(resource, openFrom, range.to);
  const capacityHours = openHours * resource.capacity;
  return {
    resourceId: resource.resourceId,
    usedUnitHours: roundHours(usedUnitHours),
    openHours: roundHours(openHours),
    occupancyRate: capacityHours > 0 ? Math.round((usedUnitHours / capacityHours) * 10_000) / 10_000 : null,
  };
}

function costsOf(costs: ImpactFacts['costs']): Pick<ImpactIndicators, 'mutualisedCostsCents' | 'costsByPool'> {
  const byPool = new Map<string, number>();
  for (const cost of costs) byPool.set(cost.poolId, (byPool.get(cost.poolId) ?? 0) + cost.amountCents);
  const costsByPool = [...byPool].map(([poolId, amountCents]) => ({ poolId, amountCents }));
  return { mutualisedCostsCents: costsByPool.reduce((sum, pool) => sum + pool.amountCents, 0), costsByPool };
}

/** Hours to the hundredth: what a report shows, and stable under the order of additions. */
function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100;
}
