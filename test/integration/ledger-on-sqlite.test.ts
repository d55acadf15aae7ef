import { describe, expect, it } from 'vitest';
import { ledgerCommands, type LedgerCommands, startReadModels } from '../../api/mutua.js';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { appendDecided, handleCommand, loadStream, NEW_STREAM } from '../../api/commands/handle-command.js';
import { loadResource } from '../../api/commands/command-context.js';
import { calendarDecider, calendarStreamId } from '../../domain/reservations/calendar.js';
import { calendarChainDecider, calendarChainStreamId } from '../../domain/reservations/calendar-chain.js';
import { memberDecider, memberStreamId } from '../../domain/members/member.js';
import { findReservation } from '../../projections/calendars/calendars-reads.js';
import { findMember } from '../../projections/members/members-projection.js';
import { dumpTables, foldIntoTables } from '../../projections/tables/fold-into-tables.js';
import { LEDGER_TABLES } from '../../projections/tables/ledger-tables.js';
import { type ReadModels } from '../../projections/tables/read-models.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { DomainError } from '../../domain/shared/errors.js';
import { type SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { type ReadAllOptions } from '../../eventstore/event-store.js';
import { type SqliteLedger, sqliteLedgerForEachTest } from '../support/sqlite-ledger.js';

const request: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'test' };

describe('the ledger on a real SQLite store', () => {
  let ledger: SqliteLedger;
  let store: SqliteEventStore;
  let readModels: ReadModels;
  let now: Date;
  let commands: LedgerCommands;

  // Tables in the test's directory, so that a restart finds them where the last engine left them.
  sqliteLedgerForEachTest('mutua-ledger-', () => now, (opened) => {
    ({ store, readModels, commands } = ledger = opened);
    now = new Date('2026-11-20T10:00:00Z');
  }, { tablesInDirectory: true });

  async function vanAndMembers() {
    const coop = await commands.members.registerMember(request, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' });
    const association = await commands.members.registerMember(request, { name: 'Les Daurades', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    const van = await commands.resources.registerResource(request, {
      name: 'Camion partagé', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 1_200, ownerMemberId: null, areaM2: null, openingHours: [], closures: [], siteId: null,
      rules: { ...DEFAULT_BOOKING_RULES, maxDurationMinutes: 3 * 24 * 60 },
    });
    return { coopId: coop.memberId, associationId: association.memberId, vanId: van.resourceId };
  }

  it('carries a reservation made in November into December’s calendar, where it still blocks its slot', async () => {
    const { coopId, associationId, vanId } = await vanAndMembers();
    const december = await commands.reservations.reserve(request, {
      resourceId: vanId, memberId: coopId, start: new Date('2026-12-10T08:00:00Z'), end: new Date('2026-12-10T12:00:00Z'), quantity: 1, purpose: null,
    });
    now = new Date('2026-12-02T10:00:00Z');
    const conflict = commands.reservations.reserve(request, {
      resourceId: vanId, memberId: associationId, start: new Date('2026-12-10T11:00:00Z'), end: new Date('2026-12-10T13:00:00Z'), quantity: 1, purpose: null,
    });
    await expect(conflict).rejects.toMatchObject({ code: 'RESERVATION_CONFLICT' });

    const december2026 = await store.readStream(`calendar-${vanId}-2026-12`);
    expect(december2026.map((event) => event.type)).toEqual(['CalendarEpochOpened']);
    const november2026 = await store.readStream(`calendar-${vanId}-2026-11`);
    expect(november2026.at(-1)?.type).toBe('CalendarEpochClosed');

    const cancelled = await commands.reservations.cancel({ ...request, reason: 'Panne du camion' }, december.reservationId);
    expect(cancelled.status).toBe('CANCELLED');
    await commands.reservations.reserve(request, {
      resourceId: vanId, memberId: associationId, start: new Date('2026-12-10T11:00:00Z'), end: new Date('2026-12-10T13:00:00Z'), quantity: 1, purpose: null,
    });
  });

  it('answers a reservation from its recorded event as the tables show it once folded, and reads it back after', async () => {
    const { coopId, associationId } = await vanAndMembers();
    const room = await commands.resources.registerResource(request, {
      name: 'Salle du conseil', kind: 'SPACE', capacity: 1, hourlyRateCents: 800, ownerMemberId: null, areaM2: null, openingHours: [], closures: [], siteId: null,
      rules: { ...DEFAULT_BOOKING_RULES, requiresApproval: true },
    });
    const slot = { resourceId: room.resourceId, end: new Date('2026-12-03T12:00:00Z'), quantity: 1 };
    const confirmed = await commands.reservations.reserve(request, { ...slot, memberId: coopId, start: new Date('2026-12-03T10:00:00Z'), purpose: 'Conseil coopératif' });
    const member: RequestContext = { actor: { userId: 'daurades', role: 'MEMBER', memberId: associationId }, correlationId: 'test' };
    const requested = await commands.reservations.reserve(member, {
      ...slot, memberId: associationId, start: new Date('2026-12-03T12:00:00Z'), end: new Date('2026-12-03T13:00:00Z'), purpose: null,
    });
    expect([confirmed.status, requested.status]).toEqual(['CONFIRMED', 'REQUESTED']);

    await readModels.waitForPosition(await store.headPosition());
    expect(await findReservation(readModels.db, confirmed.reservationId)).toEqual(confirmed);
    expect(await findReservation(readModels.db, requested.reservationId)).toEqual(requested);
  });

  it('approves a request answered ahead of the tables once they hold it, not before', async () => {
    // The projector sees the log up to `visibleUpTo` only: the tables stay behind the answers given.
    let visibleUpTo = Number.POSITIVE_INFINITY;
    const heldBack = new Proxy(store, {
      get: (target, key) => {
        if (key === 'subscribeToAll') return () => ({ close: () => Promise.resolve() });
        if (key === 'readAll') return async (options: ReadAllOptions) => (await target.readAll(options)).filter((event) => event.position <= visibleUpTo);
        return Reflect.get(target, key, target) as unknown;
      },
    });
    const behind = await startReadModels(heldBack);
    try {
      const held = ledgerCommands(store, behind, () => now);
      const member = await held.members.registerMember(request, { name: 'Les Daurades', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
      const room = await held.resources.registerResource(request, {
        name: 'Salle du conseil', kind: 'SPACE', capacity: 1, hourlyRateCents: 800, ownerMemberId: null, areaM2: null, openingHours: [], closures: [], siteId: null,
        rules: { ...DEFAULT_BOOKING_RULES, requiresApproval: true },
      });
      visibleUpTo = await store.headPosition();
      const asMember: RequestContext = { actor: { userId: 'daurades', role: 'MEMBER', memberId: member.memberId }, correlationId: 'test' };
      const requested = await held.reservations.reserve(asMember, {
        resourceId: room.resourceId, memberId: member.memberId, start: new Date('2026-12-03T12:00:00Z'), end: new Date('2026-12-03T13:00:00Z'), quantity: 1, purpose: null,
      });
      let settled = false;
      const approving = held.reservations.approve(request, requested.reservationId).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Read from the tables now, the request would be NOT_FOUND.
      expect(settled).toBe(false);
      visibleUpTo = Number.POSITIVE_INFINITY;
      behind.noticeHead(await store.headPosition());
      expect((await approving).status).toBe('CONFIRMED');
    } finally {
      await behind.stop();
    }
  });

  it('skips months without reservations when it looks for the previous calendar', async () => {
    const { coopId, vanId } = await vanAndMembers();
    await commands.reservations.reserve(request, {
      resourceId: vanId, memberId: coopId, start: new Date('2027-06-01T08:00:00Z'), end: new Date('2027-06-01T12:00:00Z'), quantity: 1, purpose: null,
    });
    now = new Date('2027-05-15T10:00:00Z');
    await expect(commands.reservations.reserve(request, {
      resourceId: vanId, memberId: coopId, start: new Date('2027-06-01T09:00:00Z'), end: new Date('2027-06-01T10:00:00Z'), quantity: 1, purpose: null,
    })).rejects.toBeInstanceOf(DomainError);
    const opened = await store.readStream(`calendar-${vanId}-2027-05`);
    expect(opened[0]?.data).toMatchObject({ previousEpoch: '2026-11' });
  });

  it('moves on a calendar written before chains existed, carrying what it holds', async () => {
    const { coopId, associationId, vanId } = await vanAndMembers();
    const van = await loadResource(store, vanId);
    const november = calendarStreamId(vanId, '2026-11');
    const metadata = { correlationId: 'earlier-version', actorUserId: 'system', actorRole: 'COORDINATOR' as const, recordedAt: now.toISOString() };
    // What the previous version wrote: a month opened and booked, with no chain.
    await appendDecided(store, november, [{ type: 'CalendarEpochOpened', data: { resourceId: vanId, epoch: '2026-11', previousEpoch: '2026-09', carried: [] } }], NEW_STREAM, metadata);
    const opened = await loadStream(store, november, calendarDecider);
    await appendDecided(store, november, calendarDecider.decide({ type: 'ReserveResource', data: {
      reservationId: 'earlier', resource: van, member: { memberId: coopId, joinedOn: '2025-01-01', leftOn: null },
      start: new Date('2026-12-10T08:00:00Z'), end: new Date('2026-12-10T12:00:00Z'), quantity: 1, purpose: null, now, actorApproves: true,
    } }, opened.state), opened, metadata);

    now = new Date('2026-12-02T10:00:00Z');
    await expect(commands.reservations.reserve(request, {
      resourceId: vanId, memberId: associationId, start: new Date('2026-12-10T11:00:00Z'), end: new Date('2026-12-10T13:00:00Z'), quantity: 1, purpose: null,
    })).rejects.toMatchObject({ code: 'RESERVATION_CONFLICT' });
    const chain = await store.readStream(calendarChainStreamId(vanId));
    expect(chain.map((event) => event.data)).toEqual([
      { resourceId: vanId, epoch: '2026-11', previousEpoch: '2026-09' },
      { resourceId: vanId, epoch: '2026-12', previousEpoch: '2026-11' },
    ]);
    expect((await store.readStream(november)).at(-1)?.type).toBe('CalendarEpochClosed');
  });

  it('completes a move that a crash cut between closing a month and opening the next', async () => {
    const { coopId, associationId, vanId } = await vanAndMembers();
    await commands.reservations.reserve(request, {
      resourceId: vanId, memberId: coopId, start: new Date('2026-12-10T08:00:00Z'), end: new Date('2026-12-10T12:00:00Z'), quantity: 1, purpose: null,
    });
    // The chain moved on and November closed, then the process died before December opened.
    const metadata = { correlationId: 'crashed', actorUserId: 'system', actorRole: 'COORDINATOR' as const, recordedAt: now.toISOString() };
    const chain = await loadStream(store, calendarChainStreamId(vanId), calendarChainDecider);
    await appendDecided(store, calendarChainStreamId(vanId), calendarChainDecider.decide({ type: 'ContinueCalendar', data: { resourceId: vanId, epoch: '2026-12' } }, chain.state), chain, metadata);
    const november = await loadStream(store, calendarStreamId(vanId, '2026-11'), calendarDecider);
    await appendDecided(store, calendarStreamId(vanId, '2026-11'), calendarDecider.decide({ type: 'CloseCalendarEpoch', data: { resourceId: vanId, nextEpoch: '2026-12' } }, november.state), november, metadata);

    now = new Date('2026-11-25T10:00:00Z');
    await expect(commands.reservations.reserve(request, {
      resourceId: vanId, memberId: associationId, start: new Date('2026-12-10T11:00:00Z'), end: new Date('2026-12-10T13:00:00Z'), quantity: 1, purpose: null,
    })).rejects.toMatchObject({ code: 'RESERVATION_CONFLICT' });
    const december = await store.readStream(calendarStreamId(vanId, '2026-12'));
    expect(december.map((event) => event.type)).toEqual(['CalendarEpochOpened']);
    expect((december[0]!.data as { carried: unknown[] }).carried).toHaveLength(1);
  });

  it('grants exactly one of twenty concurrent reservations of the last free slot', async () => {
    const { coopId, associationId, vanId } = await vanAndMembers();
    const attempts = await Promise.allSettled(Array.from({ length: 20 }, (_, index) => commands.reservations.reserve(request, {
      resourceId: vanId, memberId: index % 2 ? coopId : associationId,
      start: new Date('2026-12-15T08:00:00Z'), end: new Date('2026-12-15T10:00:00Z'), quantity: 1, purpose: null,
    })));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    const refusals = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [(attempt.reason as DomainError).code] : []));
    expect(new Set(refusals)).toEqual(new Set(['RESERVATION_CONFLICT']));
  });

  it('tells a request waiting for a position the log has not reached that it is not there yet, once its time is up', async () => {
    await vanAndMembers();
    const reached = readModels.currentPosition;
    expect(await readModels.waitForPosition(reached, 50)).toBe(true);
    expect(await readModels.waitForPosition(reached + 1_000, 50)).toBe(false);
    const next = readModels.waitForPosition(reached + 1, 5_000);
    await commands.members.registerMember(request, { name: 'Régie de quartier', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    expect(await next).toBe(true);
  });

  it('restarts from its checkpoints and ends equal to a rebuild from position 0', async () => {
    const { coopId, vanId } = await vanAndMembers();
    await commands.reservations.reserve(request, {
      resourceId: vanId, memberId: coopId, start: new Date('2026-12-15T08:00:00Z'), end: new Date('2026-12-15T10:00:00Z'), quantity: 1, purpose: null,
    });
    await readModels.stop();
    // Appended while no engine runs: the restarted engine must catch up on it from its checkpoint.
    await handleCommand(store, memberStreamId('blob'), memberDecider, {
      type: 'RegisterMember', data: { memberId: 'blob', name: 'Le Blob', legalForm: 'SAS', siret: null, vatStatus: 'SUBJECT', joinedOn: '2026-01-01' },
    }, { correlationId: 'test', actorUserId: 'system', actorRole: 'COORDINATOR', recordedAt: now.toISOString() });
    readModels = await ledger.reopenReadModels();
    const rebuilt = await foldIntoTables(LEDGER_TABLES, await store.readAll());
    for (const projection of LEDGER_TABLES) {
      expect(await dumpTables({ db: readModels.db }, projection), projection.name).toEqual(await dumpTables(rebuilt, projection));
    }
    await rebuilt.close();
    expect((await findMember(readModels.db, 'blob'))?.name).toBe('Le Blob');
  });
});
