import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../domain/shared/errors.js';
import { findReservations } from '../../projections/calendars/calendars-reads.js';
import { findMember, findMembers } from '../../projections/members/members-projection.js';
import { findResource, findResources } from '../../projections/resources/resources-projection.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { type Actor } from '../auth/actor.js';
import { assertActsFor } from '../commands/command-context.js';
import { type IdentityStore } from '../identity/identity-store.js';
import { type CalendarFeedRecord, type CalendarFeedStore } from './calendar-feed-store.js';
import { type CalendarEntry, renderICalendar } from './icalendar.js';

/** A feed shows the recent past and the year ahead. */
const PAST_DAYS = 90;
const FUTURE_DAYS = 366;
const DAY_MS = 86_400_000;

/** A feed as created: the secret of its address is known this once, and never stored. */
export type NewCalendarFeed = CalendarFeedRecord & { token: string };

const feedIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Secret iCalendar addresses of a resource's or a member's reservations. */
export class CalendarFeeds {
  constructor(
    private readonly feeds: CalendarFeedStore,
    private readonly identity: IdentityStore,
    private readonly readModels: ReadModelsView,
    private readonly clock: () => Date,
  ) {}

  /** A new feed, with its secret: the one time it is known, as only its hash is stored. */
  async create(actor: Actor, target: { resourceId: string | null; memberId: string | null }): Promise<NewCalendarFeed> {
    if ((target.resourceId === null) === (target.memberId === null)) {
      throw new DomainError('VALIDATION_FAILED', 'Un agenda externe porte sur une ressource ou sur une structure, pas les deux.');
    }
    const db = this.readModels.db;
    if (target.resourceId !== null && !(await findResource(db, target.resourceId))) {
      throw new DomainError('NOT_FOUND', 'Ressource introuvable.');
    }
    if (target.memberId !== null) {
      assertActsFor(actor, target.memberId);
      if (!(await findMember(db, target.memberId))) throw new DomainError('NOT_FOUND', 'Structure membre introuvable.');
    }
    const token = randomBytes(32).toString('base64url');
    const feed: CalendarFeedRecord = {
      feedId: feedIdOf(token), ownerUserId: actor.userId, ...target, createdAt: this.clock().toISOString(), revokedAt: null,
    };
    await this.feeds.create(feed);
    return { ...feed, token };
  }

  async listOwnedBy(actor: Actor): Promise<CalendarFeedRecord[]> {
    return (await this.feeds.listOwnedBy(actor.userId)).filter((feed) => feed.revokedAt === null);
  }

  async revoke(actor: Actor, feedId: string): Promise<void> {
    const feed = await this.feeds.find(feedId);
    if (!feed) throw new DomainError('NOT_FOUND', 'Agenda externe introuvable.');
    if (feed.ownerUserId !== actor.userId && actor.role !== 'COORDINATOR') {
      throw new DomainError('FORBIDDEN', 'Seuls son auteur et la coordination révoquent un agenda externe.');
    }
    await this.feeds.revoke(feedId, this.clock().toISOString());
  }

  /**
   * The iCalendar document behind a secret address, or undefined when it is unknown, revoked, or
   * its owner erased or disabled (a disabled account's feeds answer again once it is enabled).
   */
  async render(token: string): Promise<string | undefined> {
    const feed = await this.feeds.find(feedIdOf(token));
    if (!feed || feed.revokedAt !== null) return undefined;
    const owner = await this.identity.findUserById(feed.ownerUserId);
    if (!owner || owner.disabledAt !== null) return undefined;
    // A calendar application sends no `Mutua-Wait-For-Position`: the feed shows the log as it is now,
    // a reservation made a moment before included, as the history and the partner room do.
    await this.readModels.caughtUp();
    const now = this.clock();
    const reservations = (await findReservations(this.readModels.db, {
      from: new Date(now.getTime() - PAST_DAYS * DAY_MS),
      to: new Date(now.getTime() + FUTURE_DAYS * DAY_MS),
      ...(feed.resourceId ? { resourceId: feed.resourceId } : {}),
      ...(feed.memberId ? { memberId: feed.memberId } : {}),
    })).filter((reservation) => reservation.status === 'CONFIRMED' || reservation.status === 'REQUESTED');
    const db = this.readModels.db;
    const resources = await findResources(db, [...reservations.map((reservation) => reservation.resourceId), ...(feed.resourceId ? [feed.resourceId] : [])]);
    const members = await findMembers(db, [...reservations.map((reservation) => reservation.memberId), ...(feed.memberId ? [feed.memberId] : [])]);
    const entries: CalendarEntry[] = reservations.map((reservation) => ({
      uid: `${reservation.reservationId}@mutua`,
      start: reservation.start,
      end: reservation.end,
      summary: `${resources.get(reservation.resourceId)?.name ?? 'Ressource'} — ${members.get(reservation.memberId)?.name ?? 'Structure'}`,
      description: reservation.purpose,
      status: reservation.status === 'CONFIRMED' ? 'CONFIRMED' : 'TENTATIVE',
      lastModified: reservation.reservedAt,
    }));
    const title = feed.resourceId ? resources.get(feed.resourceId)?.name : members.get(feed.memberId!)?.name;
    return renderICalendar(`Mutua — ${title ?? 'réservations'}`, entries, now);
  }
}
