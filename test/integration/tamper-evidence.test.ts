import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { ledgerCommands, startReadModels } from '../../api/mutua.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';

/** Runs `npm run verify` as an operator would, against the data directory. */
function verify(dataDirectory: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'api/verify.ts'], {
    env: { ...process.env, MUTUA_DATA_DIR: dataDirectory, MUTUA_STORE: 'sqlite' },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('tamper-evidence of the SQLite store', () => {
  let dataDirectory: string;
  let file: string;

  beforeEach(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-tamper-'));
    file = join(dataDirectory, 'mutua.sqlite');
    const database = openSqliteDatabase(file);
    const store = new SqliteEventStore(database);
    const readModels = await startReadModels(store);
    const commands = ledgerCommands(store, readModels, () => new Date('2026-11-20T10:00:00Z'));
    const request = { actor: SYSTEM_ACTOR, correlationId: 'tamper-test' };
    const coop = await commands.members.registerMember(request, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' });
    const van = await commands.resources.registerResource(request, {
      name: 'Camion partagé', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 1_200, ownerMemberId: null, areaM2: null,
      openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES,
    });
    for (const day of [1, 2, 3]) {
      await commands.reservations.reserve(request, {
        resourceId: van.resourceId, memberId: coop.memberId, quantity: 1, purpose: null,
        start: new Date(`2026-12-0${day}T08:00:00Z`), end: new Date(`2026-12-0${day}T10:00:00Z`),
      });
    }
    await readModels.stop();
    await store.close();
    database.close();
  });
  afterEach(() => rmSync(dataDirectory, { recursive: true, force: true }));

  const tamper = (sql: string) => {
    const database = new Database(file);
    database.exec(sql);
    database.close();
  };
  const calendarEvent = (revision: number) =>
    `(SELECT position FROM events WHERE stream_id LIKE 'calendar-%' AND revision = ${revision})`;

  it('says OK for an untouched store', () => {
    const { status, output } = verify(dataDirectory);
    expect(output).toMatch(/^OK — [\d\u202f]+ événements vérifiés/);
    expect(status).toBe(0);
  });

  it('names the event and stream whose data was changed by one byte', () => {
    tamper(`UPDATE events SET data = replace(data, '"quantity":1', '"quantity":2') WHERE position = ${calendarEvent(2)}`);
    const { status, output } = verify(dataDirectory);
    expect(status).toBe(1);
    expect(output).toMatch(/ALTÉRÉ flux calendar-[\w-]+ révision 2 .*HASH_MISMATCH/);
  });

  it('names the stream from which an event was deleted', () => {
    tamper(`DELETE FROM events WHERE position = ${calendarEvent(1)}`);
    const { status, output } = verify(dataDirectory);
    expect(status).toBe(1);
    expect(output).toMatch(/révision 2 .*REVISION_GAP/);
    expect(output).toMatch(/révision 2 .*BROKEN_LINK/);
  });

  it('names both events when two are swapped', () => {
    tamper(`
      UPDATE events SET revision = -1 WHERE position = ${calendarEvent(1)};
      UPDATE events SET revision = 1 WHERE position = ${calendarEvent(2)};
      UPDATE events SET revision = 2 WHERE revision = -1;
    `);
    const { status, output } = verify(dataDirectory);
    expect(status).toBe(1);
    expect(output).toMatch(/révision 1 .*HASH_MISMATCH/);
    expect(output).toMatch(/révision 2 .*HASH_MISMATCH/);
  });

  it('notices the deletion of the last event of a stream through the gap in positions', () => {
    // The member's stream holds a single event: no later event of its stream links to it.
    tamper(`DELETE FROM events WHERE stream_id LIKE 'member-%'`);
    const { status, output } = verify(dataDirectory);
    expect(status).toBe(1);
    expect(output).toMatch(/position 1 absente du journal : événement supprimé/);
  });
});
