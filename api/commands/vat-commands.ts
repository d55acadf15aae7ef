import { type IndexedPeriod } from '../../domain/finance/periods-index.js';
import {
  poleDeductsVat, VAT_SETTINGS_STREAM, type VatSettingsCommand, type VatSettingsState, type VatTarget, vatSettingsDecider,
} from '../../domain/finance/vat-settings.js';
import { DomainError } from '../../domain/shared/errors.js';
import { type SettlementPeriod } from '../../domain/settlement/period.js';
import { findPool, loadVatSettings } from '../../projections/finance/finance-reads.js';
import { findResources } from '../../projections/resources/resources-projection.js';
import { type PoleVatStatus, type VatTreatment } from '../../shared/vat.js';
import { type CommandDependencies, metadataOf, type RequestContext } from './command-context.js';
import { ClosingFence } from './closed-periods.js';
import { handleCommand } from './handle-command.js';

/** What the VAT commands borrow from the finance commands: the periods, as the index and journals know them. */
export interface PeriodLookup {
  indexedPeriod(periodId: string): Promise<IndexedPeriod>;
  periodContainingDate(date: string): Promise<IndexedPeriod>;
  /** The closed periods, `period` among them when its journal is closed. */
  closedPeriodsFrom(period: IndexedPeriod): Promise<SettlementPeriod[]>;
}

/**
 * The treasurer's VAT settings: the pôle's status and the treatment of each pool and chargeable
 * resource, each from a period on (like an allocation key), never in a closed period.
 */
export class VatCommands {
  constructor(private readonly dependencies: CommandDependencies, private readonly periods: PeriodLookup) {}

  async setPoleStatus(request: RequestContext, input: { fromPeriodId: string; status: PoleVatStatus }): Promise<VatSettingsState> {
    const fromPeriod = await this.periods.indexedPeriod(input.fromPeriodId);
    await this.catchUp();
    return this.decide(request, fromPeriod, (closedPeriodsFrom) => ({ type: 'SetPoleVatStatus', data: { fromPeriod, closedPeriodsFrom, status: input.status } }));
  }

  async setTreatment(request: RequestContext, input: { fromPeriodId: string; target: VatTarget; treatment: VatTreatment }): Promise<VatSettingsState> {
    const fromPeriod = await this.periods.indexedPeriod(input.fromPeriodId);
    await this.catchUp();
    await this.assertTargetExists(input.target);
    return this.decide(request, fromPeriod, (closedPeriodsFrom) => ({
      type: 'SetVatTreatment', data: { fromPeriod, closedPeriodsFrom, target: input.target, treatment: input.treatment },
    }));
  }

  /** Whether the pôle deducts VAT in the period containing `date`: a cost's deductible VAT is accepted only then. */
  async deductsOn(date: string): Promise<boolean> {
    const period = await this.periods.periodContainingDate(date);
    await this.catchUp();
    return poleDeductsVat(await loadVatSettings(this.dependencies.readModels.db), period);
  }

  async settings(): Promise<VatSettingsState> {
    await this.catchUp();
    return loadVatSettings(this.dependencies.readModels.db);
  }

  /** The command is made at each attempt with the closed periods read then, after the fence a close crosses. */
  private async decide(
    request: RequestContext, fromPeriod: IndexedPeriod, commandOf: (closedPeriodsFrom: SettlementPeriod[]) => VatSettingsCommand,
  ): Promise<VatSettingsState> {
    const { position } = await handleCommand(this.dependencies.store, VAT_SETTINGS_STREAM, vatSettingsDecider,
      async () => commandOf(await this.periods.closedPeriodsFrom(fromPeriod)), metadataOf(request, this.dependencies.clock(), fromPeriod.from),
      new ClosingFence(this.dependencies));
    await this.dependencies.readModels.waitForPosition(position);
    return loadVatSettings(this.dependencies.readModels.db);
  }

  private async assertTargetExists(target: VatTarget): Promise<void> {
    if (target.kind === 'POOL') {
      if (!(await findPool(this.dependencies.readModels.db, target.poolId))) throw new DomainError('NOT_FOUND', 'Pot de coûts introuvable.', { poolId: target.poolId });
      return;
    }
    const resources = await findResources(this.dependencies.readModels.db, [target.resourceId]);
    if (!resources.has(target.resourceId)) throw new DomainError('NOT_FOUND', `Ressource introuvable : ${target.resourceId}.`, { resourceId: target.resourceId });
  }

  private async catchUp(): Promise<void> {
    await this.dependencies.readModels.waitForPosition(await this.dependencies.store.headPosition());
  }
}

