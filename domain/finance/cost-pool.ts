import { type Decider } from '../shared/decider.js';
import { DomainError, assertNever } from '../shared/errors.js';
import { type AllocationKey, validateAllocationKey } from '../settlement/allocation-keys.js';
import { type SettlementPeriod, describePeriodDays } from '../settlement/period.js';
import { normalisedExpenseAccount } from '../accounting/chart-of-accounts.js';

/**
 * A cost pool (rent, fluids, insurance, a shared salary) and its allocation keys over time. A key
 * applies from the start of a period on; the periods before keep the key they had, so that a
 * settlement never changes behind a treasurer's back.
 */
export const costPoolStreamId = (poolId: string) => `cost-pool-${poolId}`;

export const MAX_POOL_NAME_LENGTH = 200;
export const MAX_LINKED_RESOURCES = 100;

/** A key and the date from which it applies; null for the key the pool was defined with. */
export interface AllocationKeyVersion {
  /** The first day of the first period the key applies to; null: every period until the next version. */
  fromPeriodStart: string | null;
  key: AllocationKey;
  /** The resources whose usage feeds the key's USAGE parts. */
  resourceIds: string[];
}

export type CostPoolEvent =
  | {
      type: 'CostPoolDefined';
      data: { poolId: string; name: string; accountNumber: string; key: AllocationKey; resourceIds: string[] };
    }
  | { type: 'AllocationKeyChanged'; data: { poolId: string; fromPeriodStart: string; key: AllocationKey; resourceIds: string[] } };

export type CostPoolCommand =
  | {
      type: 'DefineCostPool';
      data: { poolId: string; name: string; accountNumber: string | null; key: AllocationKey; resourceIds: string[] };
    }
  | {
      type: 'ChangeAllocationKey';
      data: {
        poolId: string;
        /** The period from which the new key applies: it and every later one must still be open. */
        fromPeriod: SettlementPeriod & { periodId: string };
        /** Closed periods starting on or after `fromPeriod`: their settlement is frozen, so the change is refused. */
        closedPeriodsFrom: ReadonlyArray<SettlementPeriod>;
        key: AllocationKey;
        resourceIds: string[];
      };
    };

export type CostPoolState =
  | { status: 'unknown' }
  | { status: 'defined'; poolId: string; name: string; accountNumber: string; keys: AllocationKeyVersion[] };

export const costPoolDecider: Decider<CostPoolState, CostPoolCommand, CostPoolEvent> = {
  initialState: () => ({ status: 'unknown' }),
  decide(command, state) {
    switch (command.type) {
      case 'DefineCostPool': {
        if (state.status !== 'unknown') throw new DomainError('VALIDATION_FAILED', 'Ce pot de coûts existe déjà.');
        const { poolId, key, resourceIds } = command.data;
        const name = command.data.name.trim();
        if (name.length === 0 || name.length > MAX_POOL_NAME_LENGTH) {
          throw new DomainError('VALIDATION_FAILED', `Le nom d’un pot compte de 1 à ${MAX_POOL_NAME_LENGTH} caractères.`);
        }
        validateKey(key, resourceIds);
        const accountNumber = normalisedExpenseAccount(command.data.accountNumber);
        return [{ type: 'CostPoolDefined', data: { poolId, name, accountNumber, key, resourceIds } }];
      }
      case 'ChangeAllocationKey':
        return [changeKey(command.data, state)];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'CostPoolDefined': {
        const { poolId, name, accountNumber, key, resourceIds } = event.data;
        return { status: 'defined', poolId, name, accountNumber, keys: [{ fromPeriodStart: null, key, resourceIds }] };
      }
      case 'AllocationKeyChanged': {
        if (state.status !== 'defined') return state;
        const { fromPeriodStart, key, resourceIds } = event.data;
        return { ...state, keys: [...state.keys, { fromPeriodStart, key, resourceIds }] };
      }
      default:
        return assertNever(event);
    }
  },
};

function changeKey(data: Extract<CostPoolCommand, { type: 'ChangeAllocationKey' }>['data'], state: CostPoolState): CostPoolEvent {
  if (state.status !== 'defined') throw new DomainError('NOT_FOUND', 'Pot de coûts introuvable.');
  const closed = data.closedPeriodsFrom.find((period) => period.from >= data.fromPeriod.from);
  if (closed) {
    throw new DomainError('PERIOD_CLOSED', `La période ${describePeriodDays(closed)} est clôturée : sa clé ne change plus. Choisissez une période ouverte postérieure.`, {
      from: closed.from, to: closed.to,
    });
  }
  const latest = state.keys.at(-1)?.fromPeriodStart ?? null;
  if (latest !== null && data.fromPeriod.from < latest) {
    throw new DomainError('VALIDATION_FAILED', `Une clé s’applique déjà à partir du ${latest} : la nouvelle clé part de cette date ou d’une période postérieure.`);
  }
  validateKey(data.key, data.resourceIds);
  return {
    type: 'AllocationKeyChanged',
    data: { poolId: state.poolId, fromPeriodStart: data.fromPeriod.from, key: data.key, resourceIds: data.resourceIds },
  };
}

function validateKey(key: AllocationKey, resourceIds: readonly string[]): void {
  if (resourceIds.length > MAX_LINKED_RESOURCES || new Set(resourceIds).size !== resourceIds.length) {
    throw new DomainError('VALIDATION_FAILED', `Un pot est lié à au plus ${MAX_LINKED_RESOURCES} ressources, chacune une fois.`);
  }
  validateAllocationKey(key);
}

/**
 * The key in force for a period: the last version starting on or before the period's first day.
 * Versions are recorded in date order, a later one of the same date replacing the earlier.
 */
export function keyInForce(keys: readonly AllocationKeyVersion[], period: SettlementPeriod): AllocationKeyVersion {
  let inForce = keys[0];
  for (const version of keys) {
    if (version.fromPeriodStart === null || version.fromPeriodStart <= period.from) inForce = version;
  }
  if (!inForce) throw new Error('Invariant violated: a defined pool has a key');
  return inForce;
}
