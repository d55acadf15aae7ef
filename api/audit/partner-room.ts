import { type ImpactIndicators, type ImpactRange } from '../../domain/impact/impact-indicators.js';
import { DomainError } from '../../domain/shared/errors.js';
import { logCounters } from '../../projections/log-index/log-index-projection.js';
import { type Actor } from '../auth/actor.js';
import { type Mutua } from '../mutua.js';
import { type BundleScope } from './bundle/write-bundle.js';
import { readHistory, type HistoryPage, type HistoryRequest } from './history/history-service.js';
import { impactIndicatorsOf } from './impact/impact-facts.js';
import { type LedgerReport } from './integrity/ledger-verifier.js';
import { verifyLedgerStore } from './integrity/verify-ledger.js';
import { type AsOfReads, asOfReads } from './as-of-reads.js';
import { type AsOf, TimeTravel } from './time-travel.js';

/** What an `asOf` argument means, for the schema's descriptions. */
export const AS_OF = 'As it stood at this instant (the log up to the last event recorded at or before it); coordinators, treasurers and auditors only. Default: now.';

/** Roles that read the whole cooperation history, past states, integrity and indicators. */
export const PARTNER_ROOM_READERS = ['COORDINATOR', 'TREASURER', 'AUDITOR'] as const;

export interface IntegrityCheck {
  report: LedgerReport;
  checkedAt: Date;
}

/** An impact range may cover five years: a multi-year report, never a scan of decades. */
const MAX_IMPACT_RANGE_DAYS = 5 * 366;

/**
 * The partner room's read side for one Mutua process: history, time travel, integrity check,
 * impact indicators and the audit bundle's scope. Built on first use from what Mutua already
 * holds (the store, the read models, the accounts), so nothing is added to its start.
 */
export class PartnerRoom {
  readonly timeTravel: TimeTravel;
  /** Members, resources, reservations and balances, now or as of a position. */
  readonly reads: AsOfReads;
  private runningCheck: Promise<IntegrityCheck> | undefined;

  constructor(private readonly mutua: Pick<Mutua, 'clock' | 'store' | 'readModels' | 'identity'>) {
    this.timeTravel = new TimeTravel(mutua.store, mutua.readModels);
    this.reads = asOfReads(mutua.readModels);
  }

  history(actor: Actor, request: HistoryRequest): Promise<HistoryPage> {
    return readHistory(this.mutua, actor, request);
  }

  /** The same check as `npm run verify`, on the live store. Callers arriving while one runs share its answer. */
  verifyIntegrity(): Promise<IntegrityCheck> {
    this.runningCheck ??= verifyLedgerStore(this.mutua.store)
      .then((report) => ({ report, checkedAt: this.mutua.clock() }))
      .finally(() => {
        this.runningCheck = undefined;
      });
    return this.runningCheck;
  }

  /**
   * What the queries that travel in time are given: nothing for now (no `asOf`), or the position
   * `asOf` stands for. Only the partner room's readers travel in time.
   */
  async asOfPosition(actor: Actor, asOf: Date | null | undefined): Promise<AsOf> {
    if (asOf == null) return {};
    assertTimeTraveller(actor);
    return { asOfPosition: (await this.timeTravel.at(asOf)).position };
  }

  async impact(range: ImpactRange): Promise<ImpactIndicators> {
    const days = (Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000;
    if (!(days >= 1 && days <= MAX_IMPACT_RANGE_DAYS)) {
      throw new DomainError('VALIDATION_FAILED', `La période des indicateurs va d’un jour à ${MAX_IMPACT_RANGE_DAYS} jours (fin exclue).`);
    }
    await this.mutua.readModels.waitForPosition(await this.mutua.store.headPosition());
    return impactIndicatorsOf(this.mutua.readModels.db, range);
  }

  /** What the next bundle holds: the ledger as this process's read models know it now. */
  async bundleScope(pole: BundleScope['pole']): Promise<BundleScope> {
    await this.mutua.readModels.waitForPosition(await this.mutua.store.headPosition());
    const counters = await logCounters(this.mutua.readModels.db);
    return {
      headPosition: counters.lastLedgerPosition,
      eventCount: counters.ledgerEventCount,
      exportedAt: this.mutua.clock(),
      pole,
      positionsContiguous: this.mutua.store.contiguousPositions,
    };
  }
}

function assertTimeTraveller(actor: Actor): void {
  if (!(PARTNER_ROOM_READERS as readonly string[]).includes(actor.role)) {
    throw new DomainError('FORBIDDEN', 'Les états passés du registre sont réservés à la coordination, à la trésorerie et aux auditeurs.');
  }
}

const rooms = new WeakMap<object, PartnerRoom>();

export function partnerRoomOf(mutua: Pick<Mutua, 'clock' | 'store' | 'readModels' | 'identity'>): PartnerRoom {
  let room = rooms.get(mutua);
  if (!room) rooms.set(mutua, (room = new PartnerRoom(mutua)));
  return room;
}
