import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { passwordFingerprint } from '../../api/identity/identity-store.js';
import { SqliteIdentityStore } from '../../api/identity/sqlite-identity-store.js';

describe('the SQLite identity tables of the first release', () => {
  it('are upgraded in place, sessions and all, so that a person can then be erased', async () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec(`
      CREATE TABLE users (user_id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, role TEXT NOT NULL, member_id TEXT, created_at TEXT NOT NULL) STRICT;
      CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (user_id), created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT) STRICT;
      INSERT INTO users VALUES ('u1', 'coordination@example.org', 'scrypt$x', 'COORDINATOR', NULL, '2026-01-01T00:00:00Z');
      INSERT INTO sessions VALUES ('t1', 'u1', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', NULL);
    `);
    const store = new SqliteIdentityStore(db);
    expect((await store.findUserById('u1'))?.email).toBe('coordination@example.org');
    expect((await store.findSession('t1'))?.userId).toBe('u1');
    await store.eraseUser('u1', '2026-02-01T00:00:00Z');
    expect(await store.findUserById('u1')).toBeUndefined();
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('gain the indexes that find the sessions ended long ago, which the file had none of', () => {
    const db = new Database(':memory:');
    db.exec(`
      CREATE TABLE users (user_id TEXT PRIMARY KEY, email TEXT UNIQUE, password_hash TEXT, role TEXT NOT NULL, member_id TEXT, created_at TEXT NOT NULL,
        disabled_at TEXT, sessions_valid_from TEXT, erased_at TEXT) STRICT;
      CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (user_id), created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT) STRICT;
      CREATE INDEX sessions_by_user ON sessions (user_id);
    `);
    const indexesOf = (table: string) => db.prepare<[string], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").all(table).map((index) => index.name);
    new SqliteIdentityStore(db);
    expect(indexesOf('sessions')).toEqual(['sessions_by_expiry', 'sessions_by_revocation', 'sessions_by_user']);
    db.close();
  });

  it('bind the links not used yet to the password their account has, and leave the used ones unbound', async () => {
    const db = new Database(':memory:');
    db.exec(`
      CREATE TABLE users (user_id TEXT PRIMARY KEY, email TEXT UNIQUE, password_hash TEXT, role TEXT NOT NULL, member_id TEXT, created_at TEXT NOT NULL,
        disabled_at TEXT, sessions_valid_from TEXT, erased_at TEXT) STRICT;
      CREATE TABLE one_time_links (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (user_id), purpose TEXT NOT NULL,
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT) STRICT;
      INSERT INTO users (user_id, email, password_hash, role, created_at) VALUES ('u1', 'invitee@example.org', 'scrypt$before', 'AUDITOR', '2026-01-01T00:00:00Z');
      INSERT INTO one_time_links VALUES ('l1', 'u1', 'INVITATION', '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z', NULL);
      INSERT INTO one_time_links VALUES ('l2', 'u1', 'PASSWORD_RESET', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', '2026-01-01T00:30:00Z');
    `);
    const store = new SqliteIdentityStore(db);
    expect((await store.findOneTimeLink('l1'))?.passwordFingerprint).toBe(passwordFingerprint('scrypt$before'));
    expect((await store.findOneTimeLink('l2'))?.passwordFingerprint).toBeNull();
    // Opening the file again changes nothing.
    new SqliteIdentityStore(db);
    expect((await store.findOneTimeLink('l1'))?.passwordFingerprint).toBe(passwordFingerprint('scrypt$before'));
    db.close();
  });
});
