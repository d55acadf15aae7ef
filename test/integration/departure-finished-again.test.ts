/**
 * A departure is recorded first, then its follow-ups: the member's reservations running past it are
 * cancelled and its occupancies still running then are ended, each an append of its own. Should the
 * process stop between them (a crash, the store lost), the member has left and can no longer book,
 * but what followed is not done: asking for the same departure again finishes it, and so does the
 * next start of any server (`finishDepartures`).
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { ledgerCommands } from '../../api/mutua.js';
import { memberStreamId } from '../../domain/members/member.js';
import { type EventStore, StoreUnavailableError } from '../../eventstore/event-store.js';
import { findReservation } from '../../projections/calendars/calendars-reads.js';
import { listDeclarations } from '../../projections/declarations/declarations-projection.js';
import { findMember } from '../../projections/members/members-projection.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { type SqliteLedger, sqliteLedgerForEachTest } from '../support/sqlite-ledger.js';

const clock = () => new Date('2026-04-02T10:00:00Z');
const coordinator: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'departure', reason: 'Fin d’activité' };
const ALWAYS_OPEN = { openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES };

describe('a departure stopped after it was recorded', () => {
  let ledger: SqliteLedger;
  sqliteLedgerForEachTest('mutua-departure-', clock, (opened) => (ledger = opened));

  /** A member occupying an office since 2025, with a meeting room reserved on May 12. */
  async function occupyingAndBooked() {
    const { commands } = ledger;
    const coop = await commands.members.registerMember(coordinator, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    const office = await commands.resources.registerResource(coordinator, {
      name: 'Bureau 2', kind: 'SPACE', capacity: 1, hourlyRateCents: 0, ownerMemberId: null, areaM2: 18, ...ALWAYS_OPEN,
    });
    const room = await commands.resources.registerResource(coordinator, {
      name: 'Salle La Criée', kind: 'SPACE', capacity: 1, hourlyRateCents: 1_500, ownerMemberId: null, areaM2: null, ...ALWAYS_OPEN,
    });
    await commands.resources.declareOccupancy(coordinator, { memberId: coop.memberId, resourceId: office.resourceId, from: '2025-01-01', to: null });
    const reservation = await commands.reservations.reserve(coordinator, {
      resourceId: room.resourceId, memberId: coop.memberId, start: new Date('2026-05-12T08:00:00Z'), end: new Date('2026-05-12T10:00:00Z'), quantity: 1, purpose: null,
    });
    return { coopId: coop.memberId, reservationId: reservation.reservationId };
  }

  /** The commands of a process whose store is lost right after it has recorded the member's departure. */
  function aProcessStoppedAfterTheDeparture(coopId: string) {
    const stopping = new Proxy<EventStore>(ledger.store, {
      get(target, key) {
        if (key === 'appendToStream') {
          return async (...[streamId, events, options]: Parameters<EventStore['appendToStream']>) => {
            if (streamId !== memberStreamId(coopId)) throw new StoreUnavailableError('The process stopped after the departure');
            return target.appendToStream(streamId, events, options);
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    return ledgerCommands(stopping, ledger.readModels, clock);
  }

  async function runningOccupancies(coopId: string) {
    const { occupancies } = await listDeclarations(ledger.readModels.db);
    return occupancies.filter((occupancy) => occupancy.memberId === coopId && (occupancy.to === null || occupancy.to > '2026-05-01'));
  }

  it('finishes the follow-ups when the same departure is asked again', async () => {
    const { coopId, reservationId } = await occupyingAndBooked();
    await expect(aProcessStoppedAfterTheDeparture(coopId).members.leaveMember(coordinator, coopId, '2026-05-01')).rejects.toThrow(StoreUnavailableError);
    expect((await findMember(ledger.readModels.db, coopId))?.leftOn).toBe('2026-05-01');
    expect((await findReservation(ledger.readModels.db, reservationId))?.status).toBe('CONFIRMED');
    expect(await runningOccupancies(coopId)).toHaveLength(1);
    const departureEvents = (await ledger.store.readStream(memberStreamId(coopId))).length;

    const finished = await ledger.commands.members.leaveMember(coordinator, coopId, '2026-05-01');

    expect(finished.cancelled.map((reservation) => reservation.reservationId)).toEqual([reservationId]);
    expect((await findReservation(ledger.readModels.db, reservationId))?.status).toBe('CANCELLED');
    expect(await runningOccupancies(coopId)).toEqual([]);
    // The departure itself is not recorded twice.
    expect(await ledger.store.readStream(memberStreamId(coopId))).toHaveLength(departureEvents);
  });

  it('is finished at the next start with the departure’s own reason, and a finished one is left alone', async () => {
    const { coopId, reservationId } = await occupyingAndBooked();
    await expect(aProcessStoppedAfterTheDeparture(coopId).members.leaveMember(coordinator, coopId, '2026-05-01')).rejects.toThrow(StoreUnavailableError);
    const atStart: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'start-departures' };

    expect(await ledger.commands.members.finishDepartures(atStart)).toEqual([]);

    expect((await findReservation(ledger.readModels.db, reservationId))?.status).toBe('CANCELLED');
    expect(await runningOccupancies(coopId)).toEqual([]);
    const followUps = (await ledger.store.readAll()).filter(({ metadata }) => metadata.correlationId === 'start-departures');
    expect(followUps.map(({ type, metadata }) => [type, metadata.reason])).toEqual([
      ['ReservationCancelled', 'Départ de la structure : Fin d’activité'],
      ['OccupancyEnded', 'Départ de la structure : Fin d’activité'],
    ]);

    const head = await ledger.store.headPosition();
    expect(await ledger.commands.members.finishDepartures(atStart)).toEqual([]);
    expect(await ledger.store.headPosition()).toBe(head);
  });

  it('refuses a departure on another date once the member has left', async () => {
    const { coopId } = await occupyingAndBooked();
    await ledger.commands.members.leaveMember(coordinator, coopId, '2026-05-01');

    await expect(ledger.commands.members.leaveMember(coordinator, coopId, '2026-06-01')).rejects.toMatchObject({ code: 'MEMBER_INACTIVE' });
  });
});
