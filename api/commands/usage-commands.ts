import { randomUUID } from 'node:crypto';
import { usageDateOf, usageDecider, usageStreamId } from '../../domain/usage/usage-entry.js';
import { isInPeriod } from '../../shared/paris-time.js';
import { assertActsFor, type CommandDependencies, loadMember, loadResource, metadataOf, type RequestContext } from './command-context.js';
import { handleCommand } from './handle-command.js';
import { findUsageEntry } from '../../projections/usage/usage-projection.js';
import { DomainError } from '../../domain/shared/errors.js';
import { guardDateOutsideClosedPeriods } from './closed-periods.js';
import { listClosedPeriods } from '../../projections/finance/finance-reads.js';
import { type FinanceCommands } from './finance-commands.js';

/**
 * The closed period a usage entry belongs to (the one containing its day, `usageDateOf`), if any:
 * the entry is then reversed by the coordination only. `reverseUsage` decides by it, and the
 * `inClosedPeriod` field of UsageEntry tells the interface by it, so that both say the same.
 */
export function closedPeriodOfEntry<Period extends { from: string; to: string }>(entryDate: string, closedPeriods: readonly Period[]): Period | undefined {
  return closedPeriods.find((period) => isInPeriod(entryDate, period));
}

/** Usage that happened without a reservation, and its reversal. */
export class UsageCommands {
  constructor(private readonly dependencies: CommandDependencies, private readonly finance: Pick<FinanceCommands, 'reverseLateUsage'>) {}

  async recordUsage(request: RequestContext, input: { resourceId: string; memberId: string; start: Date; end: Date; note: string | null }): Promise<string> {
    assertActsFor(request.actor, input.memberId);
    const { store, clock, readModels } = this.dependencies;
    await loadResource(store, input.resourceId);
    const member = await loadMember(store, input.memberId);
    const entryDate = usageDateOf(input);
    const entryId = randomUUID();
    const now = clock();
    const { position } = await handleCommand(store, usageStreamId(entryId), usageDecider, {
      type: 'RecordUsage',
      data: { entryId, resourceId: input.resourceId, member, start: input.start, end: input.end, note: input.note, now },
    }, metadataOf(request, now, entryDate), guardDateOutsideClosedPeriods(this.dependencies, entryDate, 'Cet usage'));
    await readModels.waitForPosition(position);
    return entryId;
  }

  /**
   * Reverses an entry with its reason. An entry of a closed period is corrected in an open one, as
   * a cost is: only the coordination does that (FinanceCommands.reverseLateUsage), a structure
   * reversing its own entries while their period is open.
   */
  async reverseUsage(request: RequestContext, entryId: string): Promise<void> {
    const { store, clock, readModels } = this.dependencies;
    // Whether its period is closed, and whether it is reversed already, as the log stands now, whoever wrote it.
    await readModels.waitForPosition(await store.headPosition());
    const entry = await findUsageEntry(readModels.db, entryId);
    if (!entry) throw new DomainError('NOT_FOUND', 'Saisie d’usage introuvable.');
    assertActsFor(request.actor, entry.memberId);
    const entryDate = usageDateOf(entry);
    const closed = closedPeriodOfEntry(entryDate, await listClosedPeriods(readModels.db));
    if (closed !== undefined) {
      // Its period was invoiced: reversing it issues a credit note, which a structure does not grant itself.
      if (request.actor.role !== 'COORDINATOR') {
        throw new DomainError('FORBIDDEN', 'Cette saisie appartient à une période clôturée et facturée : seule la coordination la contre-passe.');
      }
      const { resourceId, memberId } = entry;
      await this.finance.reverseLateUsage(request, { entry: { entryId, resourceId, memberId }, alreadyReversed: entry.reversal !== null, originalPeriodId: closed.periodId });
      return;
    }
    const now = clock();
    // Should its period close after the read above, the guard refuses this reversal: the coordination then reverses it late.
    const { position } = await handleCommand(store, usageStreamId(entryId), usageDecider,
      { type: 'ReverseUsage', data: { entryId, reason: request.reason ?? '' } }, metadataOf(request, now, entryDate),
      guardDateOutsideClosedPeriods(this.dependencies, entryDate, 'La contre-passation de cette saisie'));
    await readModels.waitForPosition(position);
  }
}
