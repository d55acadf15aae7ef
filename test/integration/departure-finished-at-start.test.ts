/**
 * A server that stopped right after recording a departure left its follow-ups undone: the
 * structure's reservation past it still confirmed, its office still occupied. The next start of a
 * real server process finishes them by itself, with the departure's reason, once it has caught up.
 * The server runs on the machine's clock, so the dates are counted from now.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { metadataOf, type RequestContext } from '../../api/commands/command-context.js';
import { handleCommand } from '../../api/commands/handle-command.js';
import { ledgerCommands, startReadModels } from '../../api/mutua.js';
import { memberDecider, memberStreamId } from '../../domain/members/member.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { parisDateOf } from '../../shared/paris-time.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';

const DAY_MS = 24 * 3_600_000;
const coordinator: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'departure', reason: 'Fin d’activité' };
const ALWAYS_OPEN = { openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES };
const RESERVATIONS = 'query($memberId: ID!, $from: DateTime!, $to: DateTime!) { reservations(memberId: $memberId, from: $from, to: $to) { id status cancellationReason } }';

describe('a departure left half-done by a stopped server', () => {
  const dataDirectory = temporaryDataDirectory();
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  /** A structure occupying an office, with a room reserved in twenty days, and its departure in ten recorded alone. */
  async function aLogWithTheDepartureAlone() {
    const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
    const store = new SqliteEventStore(database);
    const readModels = await startReadModels(store);
    const clock = () => new Date();
    const commands = ledgerCommands(store, readModels, clock);
    const coop = await commands.members.registerMember(coordinator, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    const office = await commands.resources.registerResource(coordinator, { name: 'Bureau 2', kind: 'SPACE', capacity: 1, hourlyRateCents: 0, ownerMemberId: null, areaM2: 18, ...ALWAYS_OPEN });
    const room = await commands.resources.registerResource(coordinator, { name: 'Salle La Criée', kind: 'SPACE', capacity: 1, hourlyRateCents: 1_500, ownerMemberId: null, areaM2: null, ...ALWAYS_OPEN });
    await commands.resources.declareOccupancy(coordinator, { memberId: coop.memberId, resourceId: office.resourceId, from: '2025-01-01', to: null });
    const start = new Date(Math.ceil((Date.now() + 20 * DAY_MS) / 3_600_000) * 3_600_000);
    const reservation = await commands.reservations.reserve(coordinator, {
      resourceId: room.resourceId, memberId: coop.memberId, start, end: new Date(start.getTime() + 2 * 3_600_000), quantity: 1, purpose: null,
    });
    const leftOn = parisDateOf(Date.now() + 10 * DAY_MS);
    // What a server stopped right after the departure's own append leaves: the departure, and nothing after it.
    await handleCommand(store, memberStreamId(coop.memberId), memberDecider,
      { type: 'LeaveMember', data: { memberId: coop.memberId, leftOn } }, metadataOf(coordinator, clock(), leftOn));
    await readModels.stop();
    await store.close();
    database.close();
    return { coopId: coop.memberId, reservationId: reservation.reservationId, start };
  }

  it('is finished by the next start, with the departure’s reason', async () => {
    const { coopId, reservationId, start } = await aLogWithTheDepartureAlone();

    server = await startServer({ dataDirectory });

    const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const range = { memberId: coopId, from: new Date(start.getTime() - DAY_MS).toISOString(), to: new Date(start.getTime() + DAY_MS).toISOString() };
    await expect.poll(async () => (await server!.graphql(RESERVATIONS, range, token)).data, { timeout: 30_000 }).toEqual({
      reservations: [{ id: reservationId, status: 'CANCELLED', cancellationReason: 'Départ de la structure : Fin d’activité' }],
    });
    await server.stop();
    const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
    const store = new SqliteEventStore(database);
    const followUps = (await store.readAll()).filter(({ metadata }) => metadata.correlationId === 'start-departures');
    await store.close();
    database.close();
    expect(followUps.map(({ type, metadata }) => [type, metadata.reason])).toEqual([
      ['ReservationCancelled', 'Départ de la structure : Fin d’activité'],
      ['OccupancyEnded', 'Départ de la structure : Fin d’activité'],
    ]);
  }, 120_000);
});
