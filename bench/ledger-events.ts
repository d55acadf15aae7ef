import { randomUUID } from 'node:crypto';
import { type EventMetadata, type EventToAppend } from '../eventstore/event-store.js';
import { chainEvents, chainLinkOf } from '../eventstore/integrity/event-hash.js';
import { type MemberEvent, memberStreamId } from '../domain/members/member.js';
import { type LegalForm } from '../shared/enums.js';
import { type ResourceEvent, type ResourceFacts, resourceStreamId } from '../domain/resources/resource.js';
import { DEFAULT_BOOKING_RULES, type OpeningHours } from '../shared/booking-rules.js';
import { type ResourceKind } from '../shared/enums.js';
import { type ActiveReservation, type CalendarEvent, calendarStreamId, epochOf } from '../domain/reservations/calendar.js';
import { type CalendarChainEvent, calendarChainStreamId, firstInstantOf, previousMonth } from '../domain/reservations/calendar-chain.js';
import { timeOrderedId } from '../domain/shared/time-ordered-id.js';

/**
 * A plausible history of a pôle, for benchmarks: a dozen members, thirty resources, then years of
 * reservations and cancellations decided in monthly calendar epochs, shaped as the command
 * handlers write them (same streams, same payloads, same metadata, linked into each stream's hash
 * chain as api/commands/handle-command.ts links them). No decider runs, so the
 * capacity rule is not checked: the projections do not check it either, and what a fold costs
 * depends on the events' shape and number, not on whether two of them overlap.
 */

export interface StreamEvent {
  streamId: string;
  event: EventToAppend;
}

type LedgerEvent = MemberEvent | ResourceEvent | CalendarEvent | CalendarChainEvent;

const MEMBER_COUNT = 12;
const USERS_PER_MEMBER = 3;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** About 300 commands a day: a busy pôle, and 1,000,000 events come to some eight years. */
const MEAN_MS_BETWEEN_COMMANDS = 5 * 60_000;
const MEAN_NOTICE_MS = 5 * DAY_MS;
const MAX_NOTICE_MS = 90 * DAY_MS;
const CANCELLATION_SHARE = 0.1;
const ON_BEHALF_SHARE = 0.15;
/** Reservations whose purpose is filled in; the field is optional in the form. */
const PURPOSE_SHARE = 0.4;
/** A cancellation picks among a resource's latest reservations, as people cancel what they just booked. */
const CANCELLABLE_WINDOW = 64;
const HISTORY_START = '2017-01-02T07:00:00.000Z';

const LEGAL_FORMS: readonly LegalForm[] = ['ASSOCIATION', 'ASSOCIATION', 'SCOP', 'SCIC', 'SAS', 'SARL', 'EI', 'COLLECTIVITE'];
const PURPOSES = ['Réunion d’équipe', 'Formation', 'Atelier ouvert au public', 'Rendez-vous partenaire', 'Tournage', 'Permanence'];
const WEEKDAY_HOURS: OpeningHours[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' }));

interface ResourceTemplate {
  kind: ResourceKind;
  count: number;
  name: string;
  capacity: number;
  hourlyRateCents: number;
  areaM2: number | null;
  durationsHours: readonly number[];
}

/** 30 resources, in the proportions of a typical tiers-lieu. */
const RESOURCE_TEMPLATES: readonly ResourceTemplate[] = [
  { kind: 'SPACE', count: 8, name: 'Salle', capacity: 1, hourlyRateCents: 1_800, areaM2: 35, durationsHours: [1, 2, 2, 3, 4] },
  { kind: 'SPACE', count: 2, name: 'Espace de coworking', capacity: 12, hourlyRateCents: 300, areaM2: 120, durationsHours: [4, 9] },
  { kind: 'SPACE', count: 1, name: 'Cuisine partagée', capacity: 1, hourlyRateCents: 2_500, areaM2: 60, durationsHours: [3, 5, 8] },
  { kind: 'EQUIPMENT', count: 10, name: 'Équipement', capacity: 2, hourlyRateCents: 500, areaM2: null, durationsHours: [2, 4, 24, 48] },
  { kind: 'STAFF', count: 5, name: 'Temps partagé', capacity: 1, hourlyRateCents: 3_200, areaM2: null, durationsHours: [1, 2, 3, 7] },
  { kind: 'SERVICE', count: 4, name: 'Service', capacity: 5, hourlyRateCents: 0, areaM2: null, durationsHours: [1, 2] },
];

interface Member {
  memberId: string;
  userIds: string[];
}

interface ResourceCalendar {
  facts: ResourceFacts;
  durationsHours: readonly number[];
  /** The open epoch, `YYYY-MM`, or null before the first reservation. */
  epoch: string | null;
  /** Not-cancelled reservations known to the open epoch: what the next epoch carries. */
  active: Map<string, ActiveReservation>;
  recentReservationIds: string[];
}

/** mulberry32: the same seed gives the same mix, run after run (ids aside, which are random UUIDs). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class LedgerSimulation {
  private readonly coordinatorUserId = randomUUID();
  private readonly members: Member[];
  private readonly calendars: ResourceCalendar[];
  private nowMs = Date.parse(HISTORY_START);

  constructor(private readonly random: () => number) {
    this.members = Array.from({ length: MEMBER_COUNT }, () => ({
      memberId: randomUUID(),
      userIds: Array.from({ length: USERS_PER_MEMBER }, () => randomUUID()),
    }));
    this.calendars = RESOURCE_TEMPLATES.flatMap((template) =>
      Array.from({ length: template.count }, (_, index) => this.newCalendar(template, index + 1)),
    );
  }

  /** Members then resources, registered by the coordinator before the first reservation. */
  registrations(): StreamEvent[] {
    const metadata = { ...this.coordinatorMetadata(randomUUID()), recordedAt: HISTORY_START };
    const members = this.members.map((member, index) =>
      toStreamEvent(memberStreamId(member.memberId), this.memberRegistered(member, index), metadata),
    );
    const resources = this.calendars.map(({ facts }) =>
      toStreamEvent(resourceStreamId(facts.resourceId), { type: 'ResourceRegistered', data: facts }, metadata),
    );
    return [...members, ...resources];
  }

  /** The events of the next command: a reservation or a cancellation, after its epoch's opening if due. */
  nextCommand(): StreamEvent[] {
    this.nowMs += Math.round(this.exponential(MEAN_MS_BETWEEN_COMMANDS));
    const calendar = this.pick(this.calendars);
    const cancellable = this.random() < CANCELLATION_SHARE ? this.findCancellable(calendar) : undefined;
    // A member user cancels only its own structure's reservations; the coordinator may cancel any.
    const member = cancellable ? this.members.find((candidate) => candidate.memberId === cancellable.memberId)! : this.pick(this.members);
    const metadata = { ...this.actorMetadata(member), recordedAt: new Date(this.nowMs).toISOString() };
    const turnover = this.turnOverEpoch(calendar, metadata);
    const streamId = calendarStreamId(calendar.facts.resourceId, calendar.epoch!);
    const decided = cancellable
      ? this.cancel(calendar, cancellable, metadata)
      : this.reserve(calendar, member, metadata);
    return [...turnover, toStreamEvent(streamId, decided.event, decided.metadata)];
  }

  private newCalendar(template: ResourceTemplate, number: number): ResourceCalendar {
    const facts: ResourceFacts = {
      resourceId: randomUUID(),
      name: `${template.name} ${number}`,
      kind: template.kind,
      capacity: template.capacity,
      hourlyRateCents: template.hourlyRateCents,
      ownerMemberId: template.kind === 'STAFF' ? this.pick(this.members).memberId : null,
      areaM2: template.areaM2,
      openingHours: template.kind === 'SPACE' ? WEEKDAY_HOURS : [],
      rules: DEFAULT_BOOKING_RULES,
      closures: [],
      siteId: null,
    };
    return { facts, durationsHours: template.durationsHours, epoch: null, active: new Map(), recentReservationIds: [] };
  }

  private memberRegistered(member: Member, index: number): MemberEvent {
    return {
      type: 'MemberRegistered',
      data: {
        memberId: member.memberId,
        name: `Structure membre ${index + 1}`,
        legalForm: LEGAL_FORMS[index % LEGAL_FORMS.length]!,
        siret: null,
        vatStatus: index % 3 === 0 ? 'SUBJECT' : 'NOT_SUBJECT',
        joinedOn: '2016-09-01',
      },
    };
  }

  /** The first command of a month moves the chain on, closes the resource's previous epoch and opens this one, as the handlers do. */
  private turnOverEpoch(calendar: ResourceCalendar, metadata: StampedMetadata): StreamEvent[] {
    const epoch = epochOf(new Date(this.nowMs));
    if (calendar.epoch === epoch) return [];
    const { resourceId } = calendar.facts;
    const previousEpoch = calendar.epoch;
    const chained: CalendarChainEvent = { type: 'CalendarEpochChained', data: { resourceId, epoch, previousEpoch } };
    const events: StreamEvent[] = [toStreamEvent(calendarChainStreamId(resourceId), chained, metadata)];
    if (previousEpoch !== null) {
      const closed: CalendarEvent = { type: 'CalendarEpochClosed', data: { resourceId, epoch: previousEpoch, nextEpoch: epoch } };
      events.push(toStreamEvent(calendarStreamId(resourceId, previousEpoch), closed, metadata));
    }
    const carriedFromMs = firstInstantOf(previousMonth(epoch)).getTime();
    for (const [reservationId, reservation] of calendar.active) {
      if (Date.parse(reservation.end) <= carriedFromMs) calendar.active.delete(reservationId);
    }
    const opened: CalendarEvent = {
      type: 'CalendarEpochOpened',
      data: { resourceId, epoch, previousEpoch, carried: [...calendar.active.values()] },
    };
    events.push(toStreamEvent(calendarStreamId(resourceId, epoch), opened, metadata));
    calendar.epoch = epoch;
    return events;
  }

  private reserve(calendar: ResourceCalendar, member: Member, metadata: StampedMetadata): Decided {
    const noticeMs = Math.min(MAX_NOTICE_MS, HOUR_MS + this.exponential(MEAN_NOTICE_MS));
    const startMs = Math.ceil((this.nowMs + noticeMs) / HOUR_MS) * HOUR_MS;
    const reservation: ActiveReservation = {
      reservationId: timeOrderedId(new Date(this.nowMs)),
      memberId: member.memberId,
      start: new Date(startMs).toISOString(),
      end: new Date(startMs + this.pick(calendar.durationsHours) * HOUR_MS).toISOString(),
      quantity: 1 + Math.floor(this.random() * Math.min(3, calendar.facts.capacity)),
      status: 'CONFIRMED',
      seriesId: null,
    };
    calendar.active.set(reservation.reservationId, reservation);
    calendar.recentReservationIds.push(reservation.reservationId);
    if (calendar.recentReservationIds.length > CANCELLABLE_WINDOW) calendar.recentReservationIds.shift();
    const { status: _status, ...facts } = reservation;
    const purpose = this.random() < PURPOSE_SHARE ? this.pick(PURPOSES) : null;
    return {
      event: { type: 'ResourceReserved', data: { ...facts, resourceId: calendar.facts.resourceId, purpose } },
      metadata: { ...metadata, businessDate: reservation.start.slice(0, 10) },
    };
  }

  /** A reservation of this epoch not yet started, or undefined when the recent ones are all past or cancelled. */
  private findCancellable(calendar: ResourceCalendar): ActiveReservation | undefined {
    if (calendar.recentReservationIds.length === 0) return undefined;
    const reservation = calendar.active.get(this.pick(calendar.recentReservationIds));
    return reservation && Date.parse(reservation.start) > this.nowMs ? reservation : undefined;
  }

  private cancel(calendar: ResourceCalendar, reservation: ActiveReservation, metadata: StampedMetadata): Decided {
    calendar.active.delete(reservation.reservationId);
    calendar.recentReservationIds = calendar.recentReservationIds.filter((id) => id !== reservation.reservationId);
    const deadlineMs = Date.parse(reservation.start) - calendar.facts.rules.cancellationDeadlineMinutes * 60_000;
    const onBehalf = metadata.actorRole === 'COORDINATOR';
    const reason = onBehalf ? 'Annulé à la demande de la structure' : null;
    return {
      event: {
        type: 'ReservationCancelled',
        data: {
          reservationId: reservation.reservationId,
          resourceId: calendar.facts.resourceId,
          memberId: reservation.memberId,
          late: this.nowMs > deadlineMs,
          reason,
        },
      },
      metadata: { ...metadata, ...(reason ? { reason } : {}), businessDate: reservation.start.slice(0, 10) },
    };
  }

  /** One of the member's users, or now and then the coordinator acting on the member's behalf. */
  private actorMetadata(member: Member): EventMetadata {
    if (this.random() < ON_BEHALF_SHARE) return this.coordinatorMetadata(randomUUID());
    return { correlationId: randomUUID(), actorUserId: this.pick(member.userIds), actorRole: 'MEMBER', actorMemberId: member.memberId };
  }

  private coordinatorMetadata(correlationId: string): EventMetadata {
    return { correlationId, actorUserId: this.coordinatorUserId, actorRole: 'COORDINATOR' };
  }

  private pick<Item>(items: readonly Item[]): Item {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private exponential(mean: number): number {
    return -Math.log(1 - this.random()) * mean;
  }
}

/** Every event of the log is recorded at an instant of the simulated history. */
type StampedMetadata = EventMetadata & { recordedAt: string };

interface Decided {
  event: CalendarEvent;
  metadata: StampedMetadata;
}

/** Ids made as the server makes them: time-ordered by the instant the event is recorded at. */
function toStreamEvent(streamId: string, event: LedgerEvent, metadata: StampedMetadata): StreamEvent {
  return { streamId, event: { id: timeOrderedId(new Date(metadata.recordedAt)), type: event.type, data: event.data, metadata } };
}

/** The first `eventCount` events of a pôle's history, registrations first, each linked into its stream's chain. */
export function* ledgerHistory(eventCount: number, seed: number): Generator<StreamEvent> {
  const simulation = new LedgerSimulation(seededRandom(seed));
  const tails = new Map<string, { revision: number; hash: string | null }>();
  const chained = ({ streamId, event }: StreamEvent): StreamEvent => {
    const tail = tails.get(streamId) ?? { revision: -1, hash: null };
    const [linked] = chainEvents(streamId, tail, [event]);
    tails.set(streamId, { revision: tail.revision + 1, hash: chainLinkOf(linked!).hash ?? null });
    return { streamId, event: linked! };
  };
  let yielded = 0;
  for (const streamEvent of simulation.registrations()) {
    if (yielded === eventCount) return;
    yield chained(streamEvent);
    yielded += 1;
  }
  while (yielded < eventCount) {
    for (const streamEvent of simulation.nextCommand()) {
      if (yielded === eventCount) return;
      yield chained(streamEvent);
      yielded += 1;
    }
  }
}
