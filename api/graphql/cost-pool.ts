import { type Kysely } from 'kysely';
import { z } from 'zod';
import { expenseAccountLabel } from '../../domain/accounting/chart-of-accounts.js';
import { type AllocationKeyVersion } from '../../domain/finance/cost-pool.js';
import { type AllocationKey, MAX_FIXED_SHARE, type SimpleAllocationKey, type SimpleAllocationKeyKind } from '../../domain/settlement/allocation-keys.js';
import { isWholeHundredths } from '../../domain/settlement/exact-weight.js';
import { DomainError } from '../../domain/shared/errors.js';
import { type PoolView } from '../../projections/finance/finance-projection.js';
import { findPool, listPools } from '../../projections/finance/finance-reads.js';
import { findResources, type ResourceView } from '../../projections/resources/resources-projection.js';
import { type ReadModelTables } from '../../projections/tables/read-model-tables.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { MemberRef } from './member.js';
import { ResourceRef } from './resource.js';
import { requiredText } from './input-text.js';

export const AllocationKeyKindEnum = builder.enumType('AllocationKeyKind', {
  values: ['EQUAL', 'FIXED_SHARES', 'AREA', 'HEADCOUNT', 'USAGE', 'COMPOSITE'] as const,
});

const MemberShareRef = builder.objectRef<{ memberId: string; weight: number }>('MemberShare');
MemberShareRef.implement({
  fields: (t) => ({
    member: t.field({ type: MemberRef, resolve: (share, _args, { rows }) => rows.existingMember(share.memberId) }),
    weight: t.exposeFloat('weight'),
  }),
});

const AllocationKeyPartRef = builder.objectRef<{ percent: number; key: SimpleAllocationKey }>('AllocationKeyPart');
AllocationKeyPartRef.implement({
  fields: (t) => ({
    percent: t.exposeFloat('percent', { description: 'Above 0 and at most 100, to the hundredth (33.33); the parts add up to exactly 100.' }),
    kind: t.field({ type: AllocationKeyKindEnum, resolve: (part) => part.key.kind }),
    shares: t.field({ type: [MemberShareRef], nullable: true, resolve: (part) => (part.key.kind === 'FIXED_SHARES' ? [...part.key.shares] : null) }),
  }),
});

export const AllocationKeyRef = builder.objectRef<AllocationKey>('AllocationKey');
AllocationKeyRef.implement({
  description: 'A clé de répartition. USAGE keys read the resources linked to the pool.',
  fields: (t) => ({
    kind: t.field({ type: AllocationKeyKindEnum, resolve: (key) => key.kind }),
    shares: t.field({ type: [MemberShareRef], nullable: true, resolve: (key) => (key.kind === 'FIXED_SHARES' ? [...key.shares] : null) }),
    parts: t.field({ type: [AllocationKeyPartRef], nullable: true, resolve: (key) => (key.kind === 'COMPOSITE' ? [...key.parts] : null) }),
  }),
});

const AllocationKeyVersionRef = builder.objectRef<AllocationKeyVersion>('AllocationKeyVersion');
AllocationKeyVersionRef.implement({
  description: 'A key and the first period it applies to; earlier periods keep the key they had.',
  fields: (t) => ({
    fromPeriodStart: t.field({ type: 'Date', nullable: true, description: 'Null for the key the pool was defined with.', resolve: (version) => version.fromPeriodStart }),
    key: t.field({ type: AllocationKeyRef, resolve: (version) => version.key }),
    resources: t.field({ type: [ResourceRef], resolve: (version, _args, { mutua }) => linkedResources(mutua.readModels.db, version.resourceIds) }),
  }),
});

export const CostPoolRef = builder.objectRef<PoolView>('CostPool');
CostPoolRef.implement({
  description: 'Shared costs (rent, fluids, insurance, a shared salary) split between the members by an allocation key.',
  fields: (t) => ({
    id: t.exposeID('poolId'),
    name: t.exposeString('name'),
    accountNumber: t.exposeString('accountNumber', { description: 'The expense account (class 6 of the plan comptable) its costs are posted to.' }),
    accountLabel: t.string({ resolve: (pool) => expenseAccountLabel(pool.accountNumber) }),
    key: t.field({ type: AllocationKeyRef, description: 'The latest key.', resolve: (pool) => pool.keys.at(-1)!.key }),
    keys: t.field({ type: [AllocationKeyVersionRef], resolve: (pool) => pool.keys }),
    resources: t.field({ type: [ResourceRef], resolve: (pool, _args, { mutua }) => linkedResources(mutua.readModels.db, pool.keys.at(-1)!.resourceIds) }),
  }),
});

/** The pool's resources in the order it lists them, read in one query. */
async function linkedResources(db: Kysely<ReadModelTables>, resourceIds: readonly string[]): Promise<ResourceView[]> {
  const resources = await findResources(db, resourceIds);
  return resourceIds.flatMap((resourceId) => resources.get(resourceId) ?? []);
}

const id = z.string().min(1).max(100);

const MemberShareInput = builder.inputType('MemberShareInput', {
  fields: (t) => ({
    memberId: t.id({ required: true, validate: id }),
    weight: t.float({
      required: true,
      description: '0 to 1000000000, at most two decimals (2.5, 0.25).',
      validate: z.number().min(0).max(MAX_FIXED_SHARE).refine(isWholeHundredths, 'Part fixe au centième près (2,5 ou 0,25)'),
    }),
  }),
});

const AllocationKeyPartInput = builder.inputType('AllocationKeyPartInput', {
  fields: (t) => ({
    percent: t.float({
      required: true,
      description: 'Above 0 and at most 100, at most two decimals (33.33); the parts add up to exactly 100.',
      validate: z.number().gt(0).max(100).refine(isWholeHundredths, 'Pourcentage au centième près (33,33)'),
    }),
    kind: t.field({ type: AllocationKeyKindEnum, required: true }),
    shares: t.field({ type: [MemberShareInput], required: false, validate: z.array(z.unknown()).max(1_000).nullish() }),
  }),
});

export const AllocationKeyInput = builder.inputType('AllocationKeyInput', {
  fields: (t) => ({
    kind: t.field({ type: AllocationKeyKindEnum, required: true }),
    shares: t.field({ type: [MemberShareInput], required: false, description: 'FIXED_SHARES: the weight of each member.', validate: z.array(z.unknown()).max(1_000).nullish() }),
    parts: t.field({ type: [AllocationKeyPartInput], required: false, description: 'COMPOSITE: the parts, in order; their percents add up to 100.', validate: z.array(z.unknown()).max(10).nullish() }),
  }),
});

const DefineCostPoolInput = builder.inputType('DefineCostPoolInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: requiredText(200) }),
    key: t.field({ type: AllocationKeyInput, required: true }),
    resourceIds: t.idList({ required: false, description: 'Resources whose usage feeds a USAGE key.', validate: z.array(id).max(100).nullish() }),
    accountNumber: t.string({ required: false, description: 'Expense account, class 6 (default 628000 Divers), e.g. 613200 for rent.', validate: z.string().regex(/^6\d{2,7}$/, 'Le compte de charges est un compte de classe 6 : un 6 suivi de 2 à 7 chiffres (par exemple 613200).').nullish() }),
  }),
});

const ChangeAllocationKeyInput = builder.inputType('ChangeAllocationKeyInput', {
  fields: (t) => ({
    poolId: t.id({ required: true, validate: id }),
    fromPeriodId: t.id({ required: true, validate: id, description: 'The first period the new key applies to; it and the later ones must be open.' }),
    key: t.field({ type: AllocationKeyInput, required: true }),
    resourceIds: t.idList({ required: false, description: 'Omitted: the resources linked so far.', validate: z.array(id).max(100).nullish() }),
  }),
});

type KeyInput = {
  kind: AllocationKey['kind'];
  shares?: Array<{ memberId: string | number; weight: number }> | null;
  parts?: Array<{ percent: number; kind: AllocationKey['kind']; shares?: Array<{ memberId: string | number; weight: number }> | null }> | null;
};

/** The contract's key input as the domain's key; USAGE parts read the pool's linked resources. */
export function toAllocationKey(input: KeyInput, resourceIds: string[]): AllocationKey {
  if (input.kind === 'COMPOSITE') {
    if (!input.parts?.length) throw new DomainError('VALIDATION_FAILED', 'Une clé composée liste ses composantes.');
    return {
      kind: 'COMPOSITE',
      parts: input.parts.map((part) => {
        if (part.kind === 'COMPOSITE') throw new DomainError('VALIDATION_FAILED', 'Une clé composée ne contient pas de clé composée.');
        return { percent: part.percent, key: simpleKey(part.kind, part.shares, resourceIds) };
      }),
    };
  }
  return simpleKey(input.kind, input.shares, resourceIds);
}

function simpleKey(kind: SimpleAllocationKeyKind, shares: KeyInput['shares'], resourceIds: string[]): SimpleAllocationKey {
  switch (kind) {
    case 'FIXED_SHARES':
      if (!shares?.length) throw new DomainError('VALIDATION_FAILED', 'Une clé à parts fixes donne le nombre de parts de chaque structure.');
      return { kind, shares: shares.map((share) => ({ memberId: String(share.memberId), weight: share.weight })) };
    case 'USAGE':
      return { kind, resourceIds };
    default:
      return { kind };
  }
}

builder.queryFields((t) => ({
  costPools: t.field({
    type: [CostPoolRef],
    resolve: allow('SIGNED_IN', (_parent, _args, { mutua }) => listPools(mutua.readModels.db)),
  }),
}));

builder.mutationFields((t) => ({
  defineCostPool: t.field({
    type: CostPoolRef,
    args: { input: t.arg({ type: DefineCostPoolInput, required: true }) },
    resolve: allow(['TREASURER'], (_parent, { input }, { mutua, actor, correlationId }) => {
      const resourceIds = (input.resourceIds ?? []).map(String);
      return mutua.commands.finance.defineCostPool({ actor, correlationId }, {
        name: input.name, accountNumber: input.accountNumber ?? null, key: toAllocationKey(input.key, resourceIds), resourceIds,
      });
    }),
  }),
  changeAllocationKey: t.field({
    type: CostPoolRef,
    description: 'A new key from a period on; earlier periods keep theirs.',
    args: { input: t.arg({ type: ChangeAllocationKeyInput, required: true }) },
    resolve: allow(['TREASURER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      const poolId = String(input.poolId);
      const pool = await findPool(mutua.readModels.db, poolId);
      if (!pool) throw new DomainError('NOT_FOUND', 'Pot de coûts introuvable.');
      const resourceIds = input.resourceIds ? input.resourceIds.map(String) : pool.keys.at(-1)!.resourceIds;
      return mutua.commands.finance.changeAllocationKey({ actor, correlationId }, {
        poolId, fromPeriodId: String(input.fromPeriodId), key: toAllocationKey(input.key, resourceIds), resourceIds,
      });
    }),
  }),
}));
