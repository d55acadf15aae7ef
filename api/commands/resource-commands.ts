import { randomUUID } from 'node:crypto';
import { declarationsDecider, declarationsStreamId } from '../../domain/declarations/declarations.js';
import { type BookingSettings, type ResourceFacts, resourceDecider, resourceStreamId } from '../../domain/resources/resource.js';
import { assert, DomainError } from '../../domain/shared/errors.js';
import { siteDecider, siteStreamId } from '../../domain/sites/site.js';
import { findResource, type ResourceView } from '../../projections/resources/resources-projection.js';
import { findSite, type SiteView } from '../../projections/sites/sites-projection.js';
import { assertActsFor, type CommandDependencies, loadMember, loadResource, metadataOf, type RequestContext } from './command-context.js';
import { handleCommand, loadStream } from './handle-command.js';
import { guardNoClosedPeriodAfter, guardRangeOutsideClosedPeriods } from './closed-periods.js';

export type RegisterResourceRequest = Omit<ResourceFacts, 'resourceId'>;

/** Sites, resources and their booking settings, and who occupies which space. */
export class ResourceCommands {
  constructor(private readonly dependencies: CommandDependencies) {}

  async registerSite(request: RequestContext, input: { name: string; address: string }): Promise<SiteView> {
    const siteId = randomUUID();
    const { position } = await handleCommand(this.dependencies.store, siteStreamId(siteId), siteDecider,
      { type: 'RegisterSite', data: { siteId, ...input } }, metadataOf(request, this.dependencies.clock()));
    await this.dependencies.readModels.waitForPosition(position);
    const site = await findSite(this.dependencies.readModels.db, siteId);
    assert(site !== undefined, 'a registered site is in the read models once its position is reached');
    return site;
  }

  async registerResource(request: RequestContext, input: RegisterResourceRequest): Promise<ResourceView> {
    if (input.ownerMemberId !== null) await loadMember(this.dependencies.store, input.ownerMemberId);
    if (input.siteId !== null) await this.assertSiteExists(input.siteId);
    const resourceId = randomUUID();
    const { position } = await handleCommand(this.dependencies.store, resourceStreamId(resourceId), resourceDecider,
      { type: 'RegisterResource', data: { ...input, resourceId } }, metadataOf(request, this.dependencies.clock()));
    return this.resourceAt(resourceId, position);
  }

  async changeBookingSettings(request: RequestContext, resourceId: string, settings: BookingSettings): Promise<ResourceView> {
    const { position } = await handleCommand(this.dependencies.store, resourceStreamId(resourceId), resourceDecider,
      { type: 'ChangeBookingSettings', data: { resourceId, ...settings } }, metadataOf(request, this.dependencies.clock()));
    return this.resourceAt(resourceId, position);
  }

  async declareOccupancy(request: RequestContext, input: { memberId: string; resourceId: string; from: string; to: string | null }): Promise<void> {
    assertActsFor(request.actor, input.memberId);
    await loadMember(this.dependencies.store, input.memberId);
    const resource = await loadResource(this.dependencies.store, input.resourceId);
    const { position } = await handleCommand(this.dependencies.store, declarationsStreamId(input.memberId), declarationsDecider, {
      type: 'DeclareOccupancy',
      data: { ...input, occupancyId: randomUUID(), areaM2: resource.areaM2 ?? 0, resourceIsSpace: resource.kind === 'SPACE' },
    }, metadataOf(request, this.dependencies.clock(), input.from), guardRangeOutsideClosedPeriods(this.dependencies, input.from, input.to, 'Cette occupation'));
    await this.dependencies.readModels.waitForPosition(position);
  }

  /**
   * The structure leaves the space from `to` on. Every day from then on weighs less on the area
   * keys, so no period closed after `to` may exist; the event is dated on `to`.
   */
  async endOccupancy(request: RequestContext, input: { memberId: string; resourceId: string; to: string }): Promise<void> {
    assertActsFor(request.actor, input.memberId);
    await loadMember(this.dependencies.store, input.memberId);
    const { position } = await handleCommand(this.dependencies.store, declarationsStreamId(input.memberId), declarationsDecider,
      { type: 'EndOccupancy', data: input }, metadataOf(request, this.dependencies.clock(), input.to),
      guardNoClosedPeriodAfter(this.dependencies, input.to, 'La fin de cette occupation'));
    await this.dependencies.readModels.waitForPosition(position);
  }

  private async resourceAt(resourceId: string, position: number): Promise<ResourceView> {
    await this.dependencies.readModels.waitForPosition(position);
    const resource = await findResource(this.dependencies.readModels.db, resourceId);
    assert(resource !== undefined, 'a registered resource is in the read models once its position is reached');
    return resource;
  }

  private async assertSiteExists(siteId: string): Promise<void> {
    const { state } = await loadStream(this.dependencies.store, siteStreamId(siteId), siteDecider);
    if (state.status !== 'registered') throw new DomainError('NOT_FOUND', 'Site introuvable.');
  }
}
