import { randomUUID } from 'node:crypto';
import { type MemberAmendment, memberDecider, memberStreamId } from '../../domain/members/member.js';
import { type LegalForm, type VatStatus } from '../../shared/enums.js';
import { declarationsDecider, declarationsStreamId } from '../../domain/declarations/declarations.js';
import { assert, DomainError } from '../../domain/shared/errors.js';
import { startOfParisDay } from '../../shared/paris-time.js';
import { activeReservationsOfMemberStartingAfter, type ReservationView } from '../../projections/calendars/calendars-reads.js';
import { findMember, listMembers, type MemberView } from '../../projections/members/members-projection.js';
import { assertActsFor, type CommandDependencies, loadMember, metadataOf, type RequestContext } from './command-context.js';
import { handleCommand, loadStream } from './handle-command.js';
import { guardNoClosedPeriodAfter } from './closed-periods.js';
import { type ReservationCommands } from './reservation-commands.js';

export interface RegisterMemberRequest {
  name: string;
  legalForm: LegalForm;
  siret: string | null;
  vatStatus: VatStatus;
  joinedOn: string;
}

/** Members of the pôle: admission, departure, and the headcount they declare. */
export class MemberCommands {
  constructor(
    private readonly dependencies: CommandDependencies,
    private readonly reservations: ReservationCommands,
  ) {}

  async registerMember(request: RequestContext, input: RegisterMemberRequest): Promise<MemberView> {
    const memberId = randomUUID();
    const { position } = await handleCommand(this.dependencies.store, memberStreamId(memberId), memberDecider,
      { type: 'RegisterMember', data: { memberId, ...input } }, metadataOf(request, this.dependencies.clock(), input.joinedOn),
      guardNoClosedPeriodAfter(this.dependencies, input.joinedOn, 'Une adhésion à cette date'));
    await this.dependencies.readModels.waitForPosition(position);
    return this.memberOnceProjected(memberId);
  }

  /**
   * Corrects a member's name, SIRET or VAT status, with the reason in the event's metadata: the
   * coordination corrects a structure's record on its behalf. An amendment that changes nothing
   * appends nothing, so that saving an untouched form leaves no trace in the ledger.
   */
  async amendMember(request: RequestContext, amendment: MemberAmendment): Promise<MemberView> {
    if (!request.reason?.trim()) throw new DomainError('VALIDATION_FAILED', 'Une correction s’accompagne d’un motif.', { field: 'reason' });
    const { position } = await handleCommand(this.dependencies.store, memberStreamId(amendment.memberId), memberDecider,
      { type: 'AmendMember', data: amendment }, metadataOf(request, this.dependencies.clock()));
    await this.dependencies.readModels.waitForPosition(position);
    return this.memberOnceProjected(amendment.memberId);
  }

  /**
   * Records the departure, then cancels the member's reservations that run past it and ends its
   * occupancies of spaces still running then. The departure is recorded first: should the process
   * stop half-way, the member can no longer book, and the same departure asked again records
   * nothing more but cancels and ends what is left, as the log stands then (whoever wrote it).
   */
  async leaveMember(request: RequestContext, memberId: string, leftOn: string): Promise<{ member: MemberView; cancelled: ReservationView[] }> {
    const reason = request.reason?.trim();
    if (!reason) throw new DomainError('VALIDATION_FAILED', 'Un départ s’accompagne d’un motif.');
    const departure = await handleCommand(this.dependencies.store, memberStreamId(memberId), memberDecider,
      { type: 'LeaveMember', data: { memberId, leftOn } }, metadataOf(request, this.dependencies.clock(), leftOn),
      guardNoClosedPeriodAfter(this.dependencies, leftOn, 'Un départ à cette date'));
    // Asked again, the departure appends nothing: what is left to finish is read as the whole log stands.
    const recorded = departure.events.length > 0 ? departure.position : await this.dependencies.store.headPosition();
    await this.dependencies.readModels.waitForPosition(recorded);
    const cancelled = await this.finishDeparture({ ...request, reason: followUpReason(reason) }, memberId, leftOn);
    return { member: await this.memberOnceProjected(memberId), cancelled };
  }

  /**
   * Finishes the departures a process stopped between recording them and their follow-ups (a crash,
   * the store lost): the next start of any server runs this once its read models have caught up,
   * as it numbers invoices a close left unnumbered. Each is finished with its own departure's
   * reason. Returns the structures whose departure could not be finished, with why (a follow-up
   * dated in a period closed since, which the coordination settles by hand); one finished
   * meanwhile by another server starting at the same time is not among them.
   */
  async finishDepartures(request: RequestContext): Promise<{ member: MemberView; error: DomainError }[]> {
    const { store, readModels } = this.dependencies;
    await readModels.waitForPosition(await store.headPosition());
    const unfinished: { member: MemberView; error: DomainError }[] = [];
    for (const member of await listMembers(readModels.db)) {
      if (member.leftOn === null) continue;
      const left = await this.followUpsLeft(member.memberId, member.leftOn);
      if (nothingLeft(left)) continue;
      try {
        await this.finishDeparture({ ...request, reason: followUpReason(await this.reasonOfDeparture(member.memberId)) }, member.memberId, member.leftOn, left);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await readModels.waitForPosition(await store.headPosition());
        if (!nothingLeft(await this.followUpsLeft(member.memberId, member.leftOn))) unfinished.push({ member, error });
      }
    }
    return unfinished;
  }

  /**
   * Cancels the member's reservations running past its departure and ends its occupancies running
   * then: those given, when the caller has just read them, else read here.
   */
  private async finishDeparture(request: RequestContext, memberId: string, leftOn: string, left?: FollowUpsLeft): Promise<ReservationView[]> {
    const { reservations, occupancies } = left ?? await this.followUpsLeft(memberId, leftOn);
    const cancelled: ReservationView[] = [];
    for (const reservation of reservations) {
      cancelled.push(await this.reservations.cancel(request, reservation.reservationId));
    }
    await this.endOccupancies(request, memberId, leftOn, occupancies);
    return cancelled;
  }

  /** What a departure's follow-ups are to cancel and end, as the log stands now. */
  private async followUpsLeft(memberId: string, leftOn: string): Promise<FollowUpsLeft> {
    return { reservations: await this.reservationsRunningPast(memberId, leftOn), occupancies: await this.occupanciesRunningPast(memberId, leftOn) };
  }

  /** The reason the departure was recorded with (every departure has one). */
  private async reasonOfDeparture(memberId: string): Promise<string> {
    const { events } = await loadStream(this.dependencies.store, memberStreamId(memberId), memberDecider);
    const reason = events.findLast((event) => event.type === 'MemberLeft')?.metadata.reason;
    assert(reason !== undefined, 'a departure is recorded with its reason');
    return reason;
  }

  /** A structure that has left occupies no space: each occupancy still running on its departure ends then. */
  private async endOccupancies(request: RequestContext, memberId: string, leftOn: string, occupancies: readonly OccupancyRunningPast[]): Promise<void> {
    const streamId = declarationsStreamId(memberId);
    for (const occupancy of occupancies) {
      const { position } = await handleCommand(this.dependencies.store, streamId, declarationsDecider,
        { type: 'EndOccupancy', data: { memberId, resourceId: occupancy.resourceId, to: leftOn } }, metadataOf(request, this.dependencies.clock(), leftOn),
        guardNoClosedPeriodAfter(this.dependencies, leftOn, 'La fin de cette occupation'));
      await this.dependencies.readModels.waitForPosition(position);
    }
  }

  private async occupanciesRunningPast(memberId: string, leftOn: string): Promise<OccupancyRunningPast[]> {
    const { state } = await loadStream(this.dependencies.store, declarationsStreamId(memberId), declarationsDecider);
    return state.occupancies.filter(({ from, to }) => from < leftOn && (to === null || to > leftOn));
  }

  /** The member as the read models show it, once they include the command's events. */
  private async memberOnceProjected(memberId: string): Promise<MemberView> {
    const member = await findMember(this.dependencies.readModels.db, memberId);
    assert(member !== undefined, 'a registered member is in the read models once its position is reached');
    return member;
  }

  async declareHeadcount(request: RequestContext, input: { memberId: string; headcount: number; from: string }): Promise<void> {
    assertActsFor(request.actor, input.memberId);
    await loadMember(this.dependencies.store, input.memberId);
    const { position } = await handleCommand(this.dependencies.store, declarationsStreamId(input.memberId), declarationsDecider,
      { type: 'DeclareHeadcount', data: input }, metadataOf(request, this.dependencies.clock(), input.from),
      guardNoClosedPeriodAfter(this.dependencies, input.from, 'Un effectif déclaré à partir de cette date'));
    await this.dependencies.readModels.waitForPosition(position);
  }

  /** Reservations not started yet that end after the member's last day. */
  private async reservationsRunningPast(memberId: string, leftOn: string): Promise<ReservationView[]> {
    const departure = startOfParisDay(leftOn).getTime();
    const notStarted = await activeReservationsOfMemberStartingAfter(this.dependencies.readModels.db, memberId, this.dependencies.clock());
    return notStarted.filter((reservation) => Date.parse(reservation.end) > departure);
  }
}

type OccupancyRunningPast = { resourceId: string };

/** The reservations to cancel and the occupancies to end after a departure. */
interface FollowUpsLeft {
  reservations: ReservationView[];
  occupancies: OccupancyRunningPast[];
}

/** Whether a departure's follow-ups are all made: no reservation left to cancel, no occupancy to end. */
function nothingLeft(left: FollowUpsLeft): boolean {
  return left.reservations.length === 0 && left.occupancies.length === 0;
}

/** Why a departure's follow-ups were made: the departure's own reason. */
function followUpReason(departureReason: string): string {
  return `Départ de la structure : ${departureReason}`;
}
