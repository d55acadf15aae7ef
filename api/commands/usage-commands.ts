import { randomUUID } from 'node:crypto';
import { usageDecider, usageStreamId } from '../../domain/usage/usage-entry.js';
import { toParisLocalTime } from '../../shared/paris-time.js';
import { assertActsFor, type CommandDependencies, loadMember, loadResource, metadataOf, type RequestContext } from './command-context.js';
import { handleCommand } from './handle-command.js';
import { findUsageEntry } from '../../projections/usage/usage-projection.js';
import { DomainError } from '../../domain/shared/errors.js';
import { assertDateNotInClosedPeriod } from './closed-periods.js';

/** Usage that happened without a reservation, and its reversal. */
export class UsageCommands {
  constructor(private readonly dependencies: CommandDependencies) {}

  async recordUsage(request: RequestContext, input: { resourceId: string; memberId: string; start: Date; end: Date; note: string | null }): Promise<string> {
    assertActsFor(request.actor, input.memberId);
    const { store, clock, readModels } = this.dependencies;
    await loadResource(store, input.resourceId);
    const member = await loadMember(store, input.memberId);
    await assertDateNotInClosedPeriod(readModels, toParisLocalTime(input.start).date, 'Cet usage');
    const entryId = randomUUID();
    const now = clock();
    const { position } = await handleCommand(store, usageStreamId(entryId), usageDecider, {
      type: 'RecordUsage',
      data: { entryId, resourceId: input.resourceId, member, start: input.start, end: input.end, note: input.note, now },
    }, metadataOf(request, now, toParisLocalTime(input.start).date));
    await readModels.waitForPosition(position);
    return entryId;
  }

  async reverseUsage(request: RequestContext, entryId: string): Promise<void> {
    const entry = await findUsageEntry(this.dependencies.readModels.db, entryId);
    if (!entry) throw new DomainError('NOT_FOUND', 'Saisie d’usage introuvable.');
    assertActsFor(request.actor, entry.memberId);
    await assertDateNotInClosedPeriod(this.dependencies.readModels, toParisLocalTime(new Date(entry.start)).date, 'Contre-passer cet usage');
    const { position } = await handleCommand(this.dependencies.store, usageStreamId(entryId), usageDecider,
      { type: 'ReverseUsage', data: { entryId, reason: request.reason ?? '' } }, metadataOf(request, this.dependencies.clock(), toParisLocalTime(new Date(entry.start)).date));
    await this.dependencies.readModels.waitForPosition(position);
  }
}
