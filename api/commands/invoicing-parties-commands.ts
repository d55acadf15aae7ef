import { type PoleInvoicingProfile } from '../../domain/invoicing/invoicing-parties.js';
import { POLE_INVOICING_PROFILE_STREAM, poleInvoicingProfileDecider } from '../../domain/invoicing/pole-invoicing-profile.js';
import { type MemberInvoicingDetails } from '../../domain/members/member-invoicing.js';
import { type MemberCommand, memberDecider, memberStreamId } from '../../domain/members/member.js';
import { DomainError } from '../../domain/shared/errors.js';
import { findMemberInvoicing, loadPoleInvoicingProfile, type MemberInvoicingView } from '../../projections/members/invoicing-parties-reads.js';
import { guardNoClosedPeriodAfter } from './closed-periods.js';
import { type CommandDependencies, metadataOf, type RequestContext } from './command-context.js';
import { type AppendGuard, handleCommand } from './handle-command.js';

/**
 * The parties of the invoices: a member's invoicing identity (set by the treasurer, the
 * coordinator or the member itself), the self-billing mandate a member gives the pôle (recorded
 * by the treasurer, who holds the signed mandate), and the pôle's own profile (the treasurer's).
 * Saving what is already recorded appends nothing.
 */
export class InvoicingPartiesCommands {
  constructor(private readonly dependencies: CommandDependencies) {}

  async setMemberDetails(request: RequestContext, input: { memberId: string } & MemberInvoicingDetails): Promise<MemberInvoicingView> {
    assertMayEditDetails(request, input.memberId);
    return this.decideForMember(request, { type: 'SetMemberInvoicingDetails', data: input });
  }

  /**
   * A grant or a revocation applies from its day on: one dated before the end of a closed period is
   * refused, as a headcount is, since it would change the mandate that period's invoices were
   * issued under (and, dated inside it, the events its close froze a digest of).
   */
  async grantMandate(request: RequestContext, input: { memberId: string; grantedOn: string; reference: string | null; vatOnDebits: boolean }): Promise<MemberInvoicingView> {
    return this.decideForMember(request, { type: 'GrantSelfBillingMandate', data: input }, {
      businessDate: input.grantedOn, guard: guardNoClosedPeriodAfter(this.dependencies, input.grantedOn, 'Un mandat d’autofacturation donné à cette date'),
    });
  }

  async revokeMandate(request: RequestContext, input: { memberId: string; revokedOn: string }): Promise<MemberInvoicingView> {
    return this.decideForMember(request, { type: 'RevokeSelfBillingMandate', data: input }, {
      businessDate: input.revokedOn, guard: guardNoClosedPeriodAfter(this.dependencies, input.revokedOn, 'Une révocation de mandat à cette date'),
    });
  }

  async setPoleProfile(request: RequestContext, profile: PoleInvoicingProfile): Promise<PoleInvoicingProfile> {
    const { position } = await handleCommand(this.dependencies.store, POLE_INVOICING_PROFILE_STREAM, poleInvoicingProfileDecider,
      { type: 'SetPoleInvoicingProfile', data: profile }, metadataOf(request, this.dependencies.clock()));
    await this.dependencies.readModels.waitForPosition(position);
    const saved = await loadPoleInvoicingProfile(this.dependencies.readModels.db);
    if (saved === null) throw new Error('Invariant violated: the profile just set is in the read models');
    return saved;
  }

  async poleProfile(): Promise<PoleInvoicingProfile | null> {
    await this.dependencies.readModels.waitForPosition(await this.dependencies.store.headPosition());
    return loadPoleInvoicingProfile(this.dependencies.readModels.db);
  }

  /** A dated command (a mandate's grant or revocation) carries its business date and the guard of its closed periods. */
  private async decideForMember(
    request: RequestContext,
    command: MemberCommand & { data: { memberId: string } },
    dated?: { businessDate: string; guard: AppendGuard },
  ): Promise<MemberInvoicingView> {
    const { memberId } = command.data;
    // The decider refuses a member it does not know (NOT_FOUND), before any detail is checked.
    const { position } = await handleCommand(this.dependencies.store, memberStreamId(memberId), memberDecider, command,
      metadataOf(request, this.dependencies.clock(), dated?.businessDate), dated?.guard);
    await this.dependencies.readModels.waitForPosition(position);
    const view = (await findMemberInvoicing(this.dependencies.readModels.db, [memberId])).get(memberId);
    if (!view) throw new Error(`Invariant violated: the registered member ${memberId} is in the read models`);
    return view;
  }
}

/** The treasurer and the coordinator edit any member's details; a member user its own structure's only. */
function assertMayEditDetails(request: RequestContext, memberId: string): void {
  const { actor } = request;
  if (actor.role === 'TREASURER' || actor.role === 'COORDINATOR') return;
  if (actor.role === 'MEMBER' && actor.memberId === memberId) return;
  throw new DomainError('FORBIDDEN', 'Vous ne pouvez modifier que l’identité de facturation de votre propre structure.');
}
