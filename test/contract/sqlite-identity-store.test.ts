import { mkdtempSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteCalendarFeedStore } from '../../api/calendar-feeds/sqlite-calendar-feed-store.js';
import { FORGET_ENDED_SESSIONS, SqliteIdentityStore } from '../../api/identity/sqlite-identity-store.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { describeIdentityStoreContract, type IdentityBackend } from './identity-store-contract.js';

/** One database file; each store opens its own connection to it, as each server process does. */
function createSqliteBackend(): Promise<IdentityBackend> {
  const directory = mkdtempSync(join(tmpdir(), 'mutua-sqlite-identity-'));
  const file = join(directory, 'mutua.sqlite');
  const databases: Database.Database[] = [];
  const open = () => {
    const db = openSqliteDatabase(file);
    databases.push(db);
    return db;
  };
  return Promise.resolve({
    openStore: () => Promise.resolve(new SqliteIdentityStore(open())),
    openFeedStore: () => Promise.resolve(new SqliteCalendarFeedStore(open())),
    // Every row of the identity tables. The bytes of an erased row may linger in the file's free
    // pages and in the WAL until SQLite reuses them (no `secure_delete`): this reads rows only.
    readEverything: () => {
      const db = openSqliteDatabase(file);
      try {
        return Promise.resolve(['users', 'sessions'].map((table) => JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all())).join('\n'));
      } finally {
        db.close();
      }
    },
    dispose: () => {
      for (const db of databases) db.close();
      rmSync(directory, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
}

describeIdentityStoreContract('SqliteIdentityStore', createSqliteBackend);

describe('SqliteIdentityStore: the statements by person', () => {
  it('read the sessions and links of one person through an index, not every row ever made', () => {
    const directory = mkdtempSync(join(tmpdir(), 'mutua-sqlite-identity-'));
    const db = openSqliteDatabase(join(directory, 'mutua.sqlite'));
    try {
      new SqliteIdentityStore(db);
      const plans = [
        "UPDATE sessions SET revoked_at = 'x' WHERE user_id = 'u' AND token_hash <> 't' AND revoked_at IS NULL",
        "DELETE FROM sessions WHERE user_id = 'u'",
        "SELECT count(*) FROM one_time_links WHERE user_id = 'u' AND purpose = 'PASSWORD_RESET' AND created_at > 'x'",
      ].map((statement) => planOf(db, statement));
      expect(plans[0]).toMatch(/USING (COVERING )?INDEX sessions_by_user/);
      expect(plans[1]).toMatch(/USING (COVERING )?INDEX sessions_by_user/);
      expect(plans[2]).toMatch(/USING (COVERING )?INDEX one_time_links_by_user/);
    } finally {
      db.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('find the sessions ended long ago through indexes, not by reading every session (a row per sign-in)', () => {
    const db = new Database(':memory:');
    new SqliteIdentityStore(db);
    const plan = planOf(db, FORGET_ENDED_SESSIONS, { before: '2026-01-01T00:00:00.000Z' });
    expect(plan).toMatch(/SEARCH sessions USING (COVERING )?INDEX sessions_by_expiry/);
    expect(plan).toMatch(/SEARCH sessions USING (COVERING )?INDEX sessions_by_revocation/);
    expect(plan).not.toMatch(/SCAN sessions/);
    db.close();
  });
});

describe('SqliteCalendarFeedStore: a person\'s addresses', () => {
  it('are listed and revoked through an index by owner, as on PostgreSQL, not by reading every address', () => {
    const db = new Database(':memory:');
    new SqliteCalendarFeedStore(db);
    expect(planOf(db, "SELECT * FROM calendar_feeds WHERE owner_user_id = 'u' ORDER BY created_at")).toMatch(/USING INDEX calendar_feeds_by_owner/);
    expect(planOf(db, "UPDATE calendar_feeds SET revoked_at = 'x' WHERE owner_user_id = 'u' AND revoked_at IS NULL")).toMatch(/USING INDEX calendar_feeds_by_owner/);
    db.close();
  });
});

function planOf(db: Database.Database, statement: string, parameters: Record<string, string> = {}): string {
  return db.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(parameters).map((row) => (row as { detail: string }).detail).join(' | ');
}
