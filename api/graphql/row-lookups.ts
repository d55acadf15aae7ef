import { assert } from '../../domain/shared/errors.js';
import { type MemberView } from '../../projections/members/members-projection.js';
import { findMemberInvoicing, type MemberInvoicingView } from '../../projections/members/invoicing-parties-reads.js';
import { referenceRowsOf } from '../../projections/reference-rows.js';
import { type ResourceView } from '../../projections/resources/resources-projection.js';
import { type SiteView } from '../../projections/sites/sites-projection.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { BatchedLookup } from './batched-lookup.js';

/**
 * The members, resources and sites one GraphQL request names, looked up in batches: the member of
 * each of 140 reservations is one lookup for the request, not 140, in the rows the process keeps
 * (`ReferenceRows`) or else in the tables. One per request (in its context).
 */
export class RowLookups {
  private readonly members: BatchedLookup<MemberView>;
  private readonly resources: BatchedLookup<ResourceView>;
  private readonly sites: BatchedLookup<SiteView>;
  private readonly invoicing: BatchedLookup<MemberInvoicingView>;

  constructor(readModels: Pick<ReadModelsView, 'db' | 'projectionCheckpoint'>) {
    const kept = referenceRowsOf(readModels);
    this.members = new BatchedLookup((ids) => kept.members.find(ids));
    this.resources = new BatchedLookup((ids) => kept.resources.find(ids));
    this.sites = new BatchedLookup((ids) => kept.sites.find(ids));
    this.invoicing = new BatchedLookup((ids) => findMemberInvoicing(readModels.db, ids));
  }

  /** A member's invoicing identity and current mandate: a list of members asks once for all. */
  memberInvoicing(memberId: string): Promise<MemberInvoicingView | undefined> {
    return this.invoicing.load(memberId);
  }

  member(memberId: string): Promise<MemberView | undefined> {
    return this.members.load(memberId);
  }

  resource(resourceId: string): Promise<ResourceView | undefined> {
    return this.resources.load(resourceId);
  }

  site(siteId: string): Promise<SiteView | undefined> {
    return this.sites.load(siteId);
  }

  /** A member that a recorded fact names (a reservation's, a payment's): the read models know it. */
  async existingMember(memberId: string): Promise<MemberView> {
    const member = await this.members.load(memberId);
    assert(member !== undefined, `the member ${memberId} a recorded fact names is in the read models`);
    return member;
  }

  async existingResource(resourceId: string): Promise<ResourceView> {
    const resource = await this.resources.load(resourceId);
    assert(resource !== undefined, `the resource ${resourceId} a recorded fact names is in the read models`);
    return resource;
  }
}
