import { ANNUAL_HOURS_PER_FTE, type ImpactIndicators, type MemberFlow, type ResourceOccupancy } from '../../domain/impact/impact-indicators.js';
import { type ResourceKind } from '../../shared/enums.js';
import { findPool } from '../../projections/finance/finance-reads.js';
import { PARTNER_ROOM_READERS, partnerRoomOf } from '../audit/partner-room.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { CostPoolRef } from './cost-pool.js';
import { ResourceKindEnum } from './enums.js';
import { MemberRef } from './member.js';
import { ResourceRef } from './resource.js';
import { SiteRef } from './site.js';

const KindHoursRef = builder.objectRef<{ kind: ResourceKind; hours: number }>('KindHours');
KindHoursRef.implement({
  fields: (t) => ({ kind: t.field({ type: ResourceKindEnum, resolve: (line) => line.kind }), hours: t.exposeFloat('hours') }),
});

const SiteHoursRef = builder.objectRef<{ siteId: string | null; hours: number }>('SiteHours');
SiteHoursRef.implement({
  fields: (t) => ({
    site: t.field({ type: SiteRef, nullable: true, description: 'Null for resources registered without a site.', resolve: (line, _args, { rows }) => (line.siteId === null ? null : rows.site(line.siteId)) }),
    hours: t.exposeFloat('hours'),
  }),
});

const OccupancyRef = builder.objectRef<ResourceOccupancy>('ResourceOccupancy');
OccupancyRef.implement({
  fields: (t) => ({
    resource: t.field({ type: ResourceRef, resolve: (line, _args, { rows }) => rows.existingResource(line.resourceId) }),
    usedUnitHours: t.exposeFloat('usedUnitHours', { description: 'Σ hours × quantity of its uses inside the range.' }),
    openHours: t.exposeFloat('openHours', { description: 'Its opening hours in the range (24 h a day when always open), from its registration.' }),
    occupancyRate: t.exposeFloat('occupancyRate', { nullable: true, description: 'usedUnitHours / (openHours × capacity), 0 to 1 (more when used outside opening hours); null when never open.' }),
  }),
});

const FlowRef = builder.objectRef<MemberFlow>('MemberFlow');
FlowRef.implement({
  description: 'An edge of the flows between structures: who used whose resources, for how long and for how much.',
  fields: (t) => ({
    user: t.field({ type: MemberRef, resolve: (flow, _args, { rows }) => rows.existingMember(flow.userMemberId) }),
    owner: t.field({ type: MemberRef, nullable: true, description: 'Null for the pôle’s own resources.', resolve: (flow, _args, { rows }) => (flow.ownerMemberId === null ? null : rows.existingMember(flow.ownerMemberId)) }),
    hours: t.exposeFloat('hours'),
    directChargesCents: t.exposeInt('directChargesCents', { description: 'Direct charges of the uses starting in the range.' }),
    useCount: t.exposeInt('useCount'),
  }),
});

const PoolCostRef = builder.objectRef<{ poolId: string; amountCents: number }>('PoolCost');
PoolCostRef.implement({
  fields: (t) => ({
    pool: t.field({ type: CostPoolRef, resolve: async (line, _args, { mutua }) => (await findPool(mutua.readModels.db, line.poolId))! }),
    amountCents: t.exposeInt('amountCents', { description: 'Costs dated in the range, less reversals dated in it.' }),
  }),
});

const ImpactRef = builder.objectRef<ImpactIndicators>('ImpactIndicators');
ImpactRef.implement({
  description: 'Impact indicators over [from, to), computed from the ledger’s events (README: conventions and census field names). Also as CSV and JSON at /exports/impact.csv and /exports/impact.json.',
  fields: (t) => ({
    from: t.field({ type: 'Date', resolve: (impact) => impact.range.from }),
    to: t.field({ type: 'Date', resolve: (impact) => impact.range.to }),
    days: t.exposeInt('days'),
    memberCount: t.exposeInt('memberCount', { description: 'Member structures for at least a day of the range.' }),
    usingMemberCount: t.exposeInt('usingMemberCount'),
    usingOthersMemberCount: t.exposeInt('usingOthersMemberCount', { description: 'Structures that used a resource owned by another member structure.' }),
    totalHours: t.exposeFloat('totalHours'),
    hoursByKind: t.field({ type: [KindHoursRef], resolve: (impact) => impact.hoursByKind }),
    hoursBySite: t.field({ type: [SiteHoursRef], resolve: (impact) => impact.hoursBySite }),
    occupancy: t.field({ type: [OccupancyRef], resolve: (impact) => impact.occupancy }),
    sharedAreaM2: t.exposeFloat('sharedAreaM2'),
    spaceCount: t.exposeInt('spaceCount'),
    staffHours: t.exposeFloat('staffHours'),
    staffFte: t.exposeFloat('staffFte', { description: `Staff hours / (${ANNUAL_HOURS_PER_FTE} h × days / 365).` }),
    annualHoursPerFte: t.int({ resolve: () => ANNUAL_HOURS_PER_FTE }),
    flows: t.field({ type: [FlowRef], resolve: (impact) => impact.flows }),
    mutualisedCostsCents: t.exposeInt('mutualisedCostsCents'),
    costsByPool: t.field({ type: [PoolCostRef], resolve: (impact) => impact.costsByPool }),
  }),
});

builder.queryFields((t) => ({
  impactIndicators: t.field({
    type: ImpactRef,
    args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true, description: 'Excluded.' }) },
    resolve: allow(PARTNER_ROOM_READERS, (_parent, args, { mutua }) => partnerRoomOf(mutua).impact({ from: args.from, to: args.to })),
  }),
}));
