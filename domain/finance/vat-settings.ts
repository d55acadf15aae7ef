import { type Decider } from '../shared/decider.js';
import { DomainError, assertNever } from '../shared/errors.js';
import { ACCOUNTS, reinvoicingAccountFor } from '../accounting/chart-of-accounts.js';
import { type SettlementPeriod, describePeriodDays } from '../settlement/period.js';
import { type PeriodVatFacts } from '../settlement/settlement-vat.js';
import {
  isVatExemption, isVatRate, NO_VAT, type PoleVatStatus, STAFF_DEFAULT_RATE_BASIS_POINTS, type VatTreatment,
} from '../../shared/vat.js';

/**
 * The pôle's VAT settings, in one stream: its own VAT status and the treatment of what it
 * re-invoices, per cost pool and per chargeable resource. Each is dated like an allocation key: a
 * version applies from a period on, earlier periods keep theirs, and a closed period's is frozen.
 */
export const VAT_SETTINGS_STREAM = 'vat-settings';

export type VatTarget = { kind: 'POOL'; poolId: string } | { kind: 'RESOURCE'; resourceId: string };

export type VatSettingsEvent =
  | { type: 'PoleVatStatusSet'; data: { fromPeriodStart: string; status: PoleVatStatus } }
  | { type: 'VatTreatmentSet'; data: { fromPeriodStart: string; target: VatTarget; treatment: VatTreatment } };

interface Dated {
  fromPeriod: SettlementPeriod & { periodId: string };
  /** Closed periods starting on or after `fromPeriod`: their settlement is frozen, so the change is refused. */
  closedPeriodsFrom: ReadonlyArray<SettlementPeriod>;
}

export type VatSettingsCommand =
  | { type: 'SetPoleVatStatus'; data: Dated & { status: PoleVatStatus } }
  | { type: 'SetVatTreatment'; data: Dated & { target: VatTarget; treatment: VatTreatment } };

export interface VatVersion<Value> {
  fromPeriodStart: string;
  value: Value;
}

export interface VatSettingsState {
  /** In date order; before the first, the pôle is not subject to VAT. */
  statuses: Array<VatVersion<PoleVatStatus>>;
  /** By `targetKey`, in date order; before the first, the default treatment (see `treatmentInForce`). */
  treatments: Map<string, Array<VatVersion<VatTreatment>>>;
}

export const targetKey = (target: VatTarget) => (target.kind === 'POOL' ? `POOL:${target.poolId}` : `RESOURCE:${target.resourceId}`);

export const vatSettingsDecider: Decider<VatSettingsState, VatSettingsCommand, VatSettingsEvent> = {
  initialState: () => ({ statuses: [], treatments: new Map() }),
  decide(command, state) {
    assertDateable(command.data, command.type === 'SetPoleVatStatus' ? state.statuses : state.treatments.get(targetKey(command.data.target)) ?? []);
    const fromPeriodStart = command.data.fromPeriod.from;
    switch (command.type) {
      case 'SetPoleVatStatus':
        return [{ type: 'PoleVatStatusSet', data: { fromPeriodStart, status: command.data.status } }];
      case 'SetVatTreatment': {
        const treatment = validTreatment(command.data.treatment);
        if (treatment.kind === 'RATE' && (versionInForce(state.statuses, fromPeriodStart) ?? 'NOT_SUBJECT') === 'NOT_SUBJECT') {
          throw new DomainError('VAT_NOT_SUBJECT', 'Le pôle n’est pas assujetti à la TVA à cette date : déclarez d’abord son régime de TVA.', { fromPeriodStart });
        }
        return [{ type: 'VatTreatmentSet', data: { fromPeriodStart, target: command.data.target, treatment } }];
      }
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'PoleVatStatusSet':
        return { ...state, statuses: [...state.statuses, { fromPeriodStart: event.data.fromPeriodStart, value: event.data.status }] };
      case 'VatTreatmentSet': {
        const key = targetKey(event.data.target);
        const treatments = new Map(state.treatments);
        treatments.set(key, [...(treatments.get(key) ?? []), { fromPeriodStart: event.data.fromPeriodStart, value: event.data.treatment }]);
        return { ...state, treatments };
      }
      default:
        return assertNever(event);
    }
  },
};

function assertDateable(data: Dated, versions: ReadonlyArray<VatVersion<unknown>>): void {
  const closed = data.closedPeriodsFrom.find((period) => period.from >= data.fromPeriod.from);
  if (closed) {
    throw new DomainError('PERIOD_CLOSED', `La période ${describePeriodDays(closed)} est clôturée : sa TVA ne change plus. Choisissez une période ouverte postérieure.`, {
      from: closed.from, to: closed.to,
    });
  }
  const latest = versions.at(-1)?.fromPeriodStart;
  if (latest !== undefined && data.fromPeriod.from < latest) {
    throw new DomainError('VALIDATION_FAILED', `Un réglage de TVA s’applique déjà à partir du ${latest} : le nouveau part de cette date ou d’une période postérieure.`);
  }
}

function validTreatment(treatment: VatTreatment): VatTreatment {
  switch (treatment.kind) {
    case 'NONE':
      return NO_VAT;
    case 'RATE':
      if (!isVatRate(treatment.rateBasisPoints)) {
        throw new DomainError('VAT_RATE_INVALID', 'Un taux de TVA est l’un de 20 %, 10 %, 5,5 % ou 2,1 %.', { rateBasisPoints: treatment.rateBasisPoints });
      }
      return { kind: 'RATE', rateBasisPoints: treatment.rateBasisPoints };
    case 'EXEMPT':
      if (!isVatExemption(treatment.exemption)) throw new DomainError('VALIDATION_FAILED', 'Exonération de TVA inconnue.');
      return { kind: 'EXEMPT', exemption: treatment.exemption };
    default:
      return assertNever(treatment);
  }
}

/** The last version starting on or before `periodStart`; undefined before the first. */
function versionInForce<Value>(versions: ReadonlyArray<VatVersion<Value>>, periodStart: string): Value | undefined {
  let inForce: Value | undefined;
  for (const version of versions) if (version.fromPeriodStart <= periodStart) inForce = version.value;
  return inForce;
}

export function poleStatusInForce(state: VatSettingsState, period: SettlementPeriod): PoleVatStatus {
  return versionInForce(state.statuses, period.from) ?? 'NOT_SUBJECT';
}

/**
 * The treatment of a pool's shares or a resource's charges in a period. A pôle not subject to VAT
 * charges none, whatever was set. Otherwise the version in force applies; where none was set,
 * staff made available (a STAFF resource, or a pool whose costs are salaries or seconded staff)
 * is taxed at 20 %, since it is taxable even at cost, and anything else carries no VAT.
 */
export function treatmentInForce(state: VatSettingsState, period: SettlementPeriod, target: VatTarget, reinvoicesStaff: boolean): VatTreatment {
  if (poleStatusInForce(state, period) === 'NOT_SUBJECT') return NO_VAT;
  const set = versionInForce(state.treatments.get(targetKey(target)) ?? [], period.from);
  if (set) return set;
  return reinvoicesStaff ? { kind: 'RATE', rateBasisPoints: STAFF_DEFAULT_RATE_BASIS_POINTS } : NO_VAT;
}

/** Whether the pôle deducts the VAT of its costs in the period: only when it is subject (a 261 B grouping's exempt services give no right to deduct). */
export function poleDeductsVat(state: VatSettingsState, period: SettlementPeriod): boolean {
  return poleStatusInForce(state, period) === 'SUBJECT';
}

/**
 * The treatments a period's settlement applies, resolved for every pool (staff when its costs are
 * salaries or seconded staff, re-invoiced as personnel made available) and every resource (staff
 * when its kind is STAFF). Undefined while the pôle is not subject: the settlement then carries
 * no VAT at all, exactly as before VAT existed.
 */
export function periodVatFacts(
  state: VatSettingsState,
  period: SettlementPeriod,
  pools: ReadonlyArray<{ poolId: string; accountNumber: string }>,
  resources: ReadonlyArray<{ resourceId: string; kind: string }>,
): PeriodVatFacts | undefined {
  if (poleStatusInForce(state, period) === 'NOT_SUBJECT') return undefined;
  return {
    pools: Object.fromEntries(pools.map((pool) => [pool.poolId,
      treatmentInForce(state, period, { kind: 'POOL', poolId: pool.poolId }, reinvoicingAccountFor(pool.accountNumber) === ACCOUNTS.staffReinvoiced)])),
    resources: Object.fromEntries(resources.map((resource) => [resource.resourceId,
      treatmentInForce(state, period, { kind: 'RESOURCE', resourceId: resource.resourceId }, resource.kind === 'STAFF')])),
    poleDeductsVat: poleDeductsVat(state, period),
  };
}
