import { z } from 'zod';
import { ACCOUNTS, reinvoicingAccountFor } from '../../domain/accounting/chart-of-accounts.js';
import { poleStatusInForce, targetKey, treatmentInForce, type VatSettingsState, type VatTarget, type VatVersion } from '../../domain/finance/vat-settings.js';
import { DomainError } from '../../domain/shared/errors.js';
import { type SettlementPeriod } from '../../domain/settlement/period.js';
import { findPeriod, listPools } from '../../projections/finance/finance-reads.js';
import { type PoolView } from '../../projections/finance/finance-projection.js';
import { listResources, type ResourceView } from '../../projections/resources/resources-projection.js';
import { POLE_VAT_STATUSES, VAT_EXEMPTION_CODES, type VatExemptionCode, vatMention, type VatTreatment } from '../../shared/vat.js';
import { type Mutua } from '../mutua.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { CostPoolRef } from './cost-pool.js';
import { ResourceRef } from './resource.js';

/**
 * The pôle's VAT: its status and the treatment of each pool and chargeable resource, as set by
 * the treasurer from a period on (domain/finance/vat-settings.ts), and as in force for a period.
 */
export const PoleVatStatusEnum = builder.enumType('PoleVatStatus', {
  description: 'NOT_SUBJECT: no VAT at all. SUBJECT: charges VAT and deducts it on its costs. COST_SHARING_GROUPING: a grouping of article 261 B of the CGI, whose services to its members are exempt (it deducts no VAT).',
  values: POLE_VAT_STATUSES,
});
const VatTreatmentKindEnum = builder.enumType('VatTreatmentKind', { values: ['NONE', 'RATE', 'EXEMPT'] as const });
const VatExemptionEnum = builder.enumType('VatExemption', {
  description: 'ART_293_B franchise en base, ART_261_B cost-sharing grouping, ART_261_7_1 non-profit association’s services to its members, ART_261_D rent of bare premises.',
  values: VAT_EXEMPTION_CODES,
});

export const VatTreatmentRef = builder.objectRef<VatTreatment>('VatTreatment');
VatTreatmentRef.implement({
  fields: (t) => ({
    kind: t.field({ type: VatTreatmentKindEnum, resolve: (treatment) => treatment.kind }),
    rateBasisPoints: t.int({ nullable: true, description: 'RATE: hundredths of a percent (2000 for 20 %, 550 for 5,5 %).', resolve: (treatment) => (treatment.kind === 'RATE' ? treatment.rateBasisPoints : null) }),
    exemption: t.field({ type: VatExemptionEnum, nullable: true, resolve: (treatment) => (treatment.kind === 'EXEMPT' ? treatment.exemption : null) }),
    mention: t.string({ nullable: true, description: 'What an invoice line prints: « TVA 20 % », or the exemption’s legal basis; null for no VAT.', resolve: vatMention }),
  }),
});

interface TargetView { target: VatTarget; pool: PoolView | null; resource: ResourceView | null; inForce: VatTreatment; versions: Array<VatVersion<VatTreatment>> }
interface VatSettingsView { period: SettlementPeriod | null; status: string; statusVersions: Array<VatVersion<string>>; targets: TargetView[] }

const VatTreatmentVersionRef = builder.objectRef<VatVersion<VatTreatment>>('VatTreatmentVersion');
VatTreatmentVersionRef.implement({
  fields: (t) => ({
    fromPeriodStart: t.field({ type: 'Date', resolve: (version) => version.fromPeriodStart }),
    treatment: t.field({ type: VatTreatmentRef, resolve: (version) => version.value }),
  }),
});

const PoleVatStatusVersionRef = builder.objectRef<VatVersion<string>>('PoleVatStatusVersion');
PoleVatStatusVersionRef.implement({
  fields: (t) => ({
    fromPeriodStart: t.field({ type: 'Date', resolve: (version) => version.fromPeriodStart }),
    status: t.field({ type: PoleVatStatusEnum, resolve: (version) => version.value as (typeof POLE_VAT_STATUSES)[number] }),
  }),
});

const VatTargetRef = builder.objectRef<TargetView>('VatTargetTreatment');
VatTargetRef.implement({
  description: 'A cost pool or a chargeable resource, and what it is re-invoiced with.',
  fields: (t) => ({
    pool: t.field({ type: CostPoolRef, nullable: true, resolve: (view) => view.pool }),
    resource: t.field({ type: ResourceRef, nullable: true, resolve: (view) => view.resource }),
    reinvoicesStaff: t.boolean({ description: 'Staff made available (taxable even at cost): 20 % unless set otherwise once the pôle is subject.', resolve: (view) => isStaff(view) }),
    treatment: t.field({ type: VatTreatmentRef, description: 'In force for the period asked (defaults included), or from the latest version on.', resolve: (view) => view.inForce }),
    versions: t.field({ type: [VatTreatmentVersionRef], resolve: (view) => view.versions }),
  }),
});

const VatSettingsRef = builder.objectRef<VatSettingsView>('VatSettings');
VatSettingsRef.implement({
  fields: (t) => ({
    status: t.field({ type: PoleVatStatusEnum, description: 'In force for the period asked, or the latest.', resolve: (view) => view.status as (typeof POLE_VAT_STATUSES)[number] }),
    statusVersions: t.field({ type: [PoleVatStatusVersionRef], resolve: (view) => view.statusVersions }),
    treatments: t.field({ type: [VatTargetRef], description: 'Every cost pool, then every resource with an hourly rate.', resolve: (view) => view.targets }),
  }),
});

function isStaff(view: TargetView): boolean {
  return view.pool ? reinvoicingAccountFor(view.pool.accountNumber) === ACCOUNTS.staffReinvoiced : view.resource?.kind === 'STAFF';
}

/** The settings as in force for `period`; without one, from the latest version of each on. */
async function settingsView(mutua: Mutua, state: VatSettingsState, period: SettlementPeriod | null): Promise<VatSettingsView> {
  const latestStart = [...state.statuses, ...[...state.treatments.values()].flat()].reduce((latest, version) => (version.fromPeriodStart > latest ? version.fromPeriodStart : latest), '0000-01-01');
  const asked = period ?? { from: latestStart, to: latestStart };
  const db = mutua.readModels.db;
  const targets: TargetView[] = [
    ...(await listPools(db)).map((pool): Omit<TargetView, 'inForce'> => ({ target: { kind: 'POOL', poolId: pool.poolId }, pool, resource: null, versions: state.treatments.get(targetKey({ kind: 'POOL', poolId: pool.poolId })) ?? [] })),
    ...(await listResources(db)).filter((resource) => resource.hourlyRateCents > 0).map((resource): Omit<TargetView, 'inForce'> => ({
      target: { kind: 'RESOURCE', resourceId: resource.resourceId }, pool: null, resource, versions: state.treatments.get(targetKey({ kind: 'RESOURCE', resourceId: resource.resourceId })) ?? [],
    })),
  ].map((view) => ({ ...view, inForce: treatmentInForce(state, asked, view.target, isStaff({ ...view, inForce: { kind: 'NONE' } })) }));
  return { period, status: poleStatusInForce(state, asked), statusVersions: state.statuses, targets };
}

const id = z.string().min(1).max(100);

const SetPoleVatStatusInput = builder.inputType('SetPoleVatStatusInput', {
  fields: (t) => ({
    fromPeriodId: t.id({ required: true, validate: id, description: 'The first period the status applies to; it and the later ones must be open.' }),
    status: t.field({ type: PoleVatStatusEnum, required: true }),
  }),
});

const SetVatTreatmentInput = builder.inputType('SetVatTreatmentInput', {
  fields: (t) => ({
    fromPeriodId: t.id({ required: true, validate: id, description: 'The first period the treatment applies to; it and the later ones must be open.' }),
    poolId: t.id({ required: false, validate: id.nullish(), description: 'A cost pool, or else `resourceId`.' }),
    resourceId: t.id({ required: false, validate: id.nullish() }),
    kind: t.field({ type: VatTreatmentKindEnum, required: true }),
    rateBasisPoints: t.int({ required: false, description: 'RATE: 2000, 1000, 550 or 210 (20, 10, 5,5 or 2,1 %); another answers VAT_RATE_INVALID.' }),
    exemption: t.field({ type: VatExemptionEnum, required: false, description: 'EXEMPT: its legal basis.' }),
  }),
});

function treatmentOf(input: { kind: VatTreatment['kind']; rateBasisPoints?: number | null; exemption?: VatExemptionCode | null }): VatTreatment {
  switch (input.kind) {
    case 'NONE':
      return { kind: 'NONE' };
    case 'RATE':
      if (input.rateBasisPoints == null) throw new DomainError('VAT_RATE_INVALID', 'Un taux de TVA est l’un de 20 %, 10 %, 5,5 % ou 2,1 %.');
      return { kind: 'RATE', rateBasisPoints: input.rateBasisPoints };
    case 'EXEMPT':
      if (input.exemption == null) throw new DomainError('VALIDATION_FAILED', 'Une exonération de TVA dit sa base légale.');
      return { kind: 'EXEMPT', exemption: input.exemption };
  }
}

function targetOf(input: { poolId?: string | number | null; resourceId?: string | number | null }): VatTarget {
  if ((input.poolId == null) === (input.resourceId == null)) throw new DomainError('VALIDATION_FAILED', 'Un traitement de TVA vise un pot de coûts ou une ressource, un seul.');
  return input.poolId != null ? { kind: 'POOL', poolId: String(input.poolId) } : { kind: 'RESOURCE', resourceId: String(input.resourceId) };
}

async function periodOf(mutua: Mutua, periodId: string | number | null | undefined): Promise<SettlementPeriod | null> {
  if (periodId == null) return null;
  const period = await findPeriod(mutua.readModels.db, String(periodId));
  if (!period) throw new DomainError('NOT_FOUND', 'Période introuvable.');
  return period;
}

builder.queryFields((t) => ({
  vatSettings: t.field({
    type: VatSettingsRef,
    description: 'The pôle’s VAT status and treatments, as in force for `periodId` (defaults included), or from their latest versions on.',
    args: { periodId: t.arg.id({ required: false, validate: id.nullish() }) },
    resolve: allow(['TREASURER', 'COORDINATOR', 'AUDITOR'], async (_parent, { periodId }, { mutua }) =>
      settingsView(mutua, await mutua.commands.finance.vat.settings(), await periodOf(mutua, periodId))),
  }),
}));

builder.mutationFields((t) => ({
  setPoleVatStatus: t.field({
    type: VatSettingsRef,
    description: 'The pôle’s VAT status from a period on; earlier periods keep theirs.',
    args: { input: t.arg({ type: SetPoleVatStatusInput, required: true }) },
    resolve: allow(['TREASURER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      const fromPeriodId = String(input.fromPeriodId);
      const state = await mutua.commands.finance.vat.setPoleStatus({ actor, correlationId }, { fromPeriodId, status: input.status });
      return settingsView(mutua, state, await periodOf(mutua, fromPeriodId));
    }),
  }),
  setVatTreatment: t.field({
    type: VatSettingsRef,
    description: 'What a cost pool’s shares or a resource’s charges are re-invoiced with, from a period on: no VAT, a rate, or an exemption with its legal basis.',
    args: { input: t.arg({ type: SetVatTreatmentInput, required: true }) },
    resolve: allow(['TREASURER'], async (_parent, { input }, { mutua, actor, correlationId }) => {
      const fromPeriodId = String(input.fromPeriodId);
      const state = await mutua.commands.finance.vat.setTreatment({ actor, correlationId }, { fromPeriodId, target: targetOf(input), treatment: treatmentOf(input) });
      return settingsView(mutua, state, await periodOf(mutua, fromPeriodId));
    }),
  }),
}));
