import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresCalendarFeedStore } from '../../api/calendar-feeds/postgres-calendar-feed-store.js';
import { passwordFingerprint } from '../../api/identity/identity-store.js';
import { FORGET_ENDED_SESSIONS, PostgresIdentityStore } from '../../api/identity/postgres-identity-store.js';
import { PostgresLoginAttempts } from '../../api/identity/postgres-login-attempts.js';
import { RateLimitedError, SIGN_IN_LIMITS, SignInThrottle } from '../../api/login-rate-limit.js';
import { PostgresNoticeStore } from '../../api/mail/postgres-notice-store.js';
import { createPostgresPool } from '../../eventstore/postgres/postgres-pool.js';
import { postgresSchemaPerCase } from '../support/postgres-schemas.js';
import { describeIdentityStoreContract, type IdentityBackend } from './identity-store-contract.js';

const postgres = postgresSchemaPerCase();
const NOW_MS = Date.parse('2026-11-25T10:00:00Z');

/** One schema; each store opens its own pool of connections to it, as each application server does. */
async function createPostgresBackend(): Promise<IdentityBackend> {
  const url = await postgres.freshSchemaUrl();
  const pools: pg.Pool[] = [];
  const openPool = () => {
    const pool = createPostgresPool(url);
    pools.push(pool);
    return pool;
  };
  return {
    openStore: () => PostgresIdentityStore.open(openPool()),
    openFeedStore: () => PostgresCalendarFeedStore.open(openPool()),
    // Every row of the identity tables. Old row versions linger in the table's files until VACUUM:
    // this reads what a query can see, as the SQLite suite reads rows only.
    readEverything: async () => {
      const pool = openPool();
      const tables = await Promise.all(['users', 'sessions', 'one_time_links'].map(async (table) => JSON.stringify((await pool.query(`SELECT * FROM ${table}`)).rows)));
      return tables.join('\n');
    },
    dispose: async () => {
      await Promise.all(pools.map((pool) => pool.end()));
    },
  };
}

describeIdentityStoreContract('PostgresIdentityStore', createPostgresBackend);

/** Two application servers' pools on one fresh schema, closed after `test`. */
async function withTwoServers(test: (first: pg.Pool, second: pg.Pool) => Promise<void>): Promise<void> {
  const url = await postgres.freshSchemaUrl();
  const [first, second] = [createPostgresPool(url), createPostgresPool(url)];
  try {
    await test(first, second);
  } finally {
    await Promise.all([first.end(), second.end()]);
  }
}

describe('failed sign-ins counted in PostgreSQL', () => {
  const throttleOn = async (pool: pg.Pool) => new SignInThrottle(await PostgresLoginAttempts.open(pool), () => NOW_MS);

  it('counts the failures seen by every server together', () => withTwoServers(async (firstPool, secondPool) => {
    const [first, second] = [await throttleOn(firstPool), await throttleOn(secondPool)];
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) await (index % 2 === 0 ? first : second).begin('192.0.2.7', 'alice@example.test');
    await expect(first.begin('192.0.2.7', 'alice@example.test')).rejects.toThrow(RateLimitedError);
    await expect(second.begin('192.0.2.7', 'alice@example.test')).rejects.toThrow(RateLimitedError);
    await expect(second.begin('198.51.100.1', 'alice@example.test')).resolves.toBeDefined();
  }));

  it('lets no more guesses through when they arrive at once on two servers than one after the other', () => withTwoServers(async (firstPool, secondPool) => {
    const [first, second] = [await throttleOn(firstPool), await throttleOn(secondPool)];
    const attempts = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? first : second).begin('192.0.2.7', 'alice@example.test')));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(SIGN_IN_LIMITS.freeFailures);
  }));

  it('forgets a pair’s failures when one server sees it succeed, and keeps only hashes of the keys', () => withTwoServers(async (firstPool, secondPool) => {
    const [first, second] = [await throttleOn(firstPool), await throttleOn(secondPool)];
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures - 1; index += 1) await first.begin('192.0.2.7', 'alice@example.test');
    await (await second.begin('192.0.2.7', 'alice@example.test')).succeeded();
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) await first.begin('192.0.2.7', 'alice@example.test');
    await expect(second.begin('192.0.2.7', 'alice@example.test')).rejects.toThrow(RateLimitedError);
    const rows = JSON.stringify((await firstPool.query('SELECT * FROM login_failures')).rows);
    expect(rows).not.toContain('alice@example.test');
    expect(rows).not.toContain('192.0.2.7');
  }));
});

describe('the one-time links of a database written before links were bound to a password', () => {
  it('are bound, when not used yet, to the password their account has, by the first server that opens it', () => withTwoServers(async (firstPool, secondPool) => {
    await firstPool.query(`
      CREATE TABLE users (user_id text PRIMARY KEY, email text UNIQUE, password_hash text, role text NOT NULL, member_id text, created_at text NOT NULL,
        disabled_at text, sessions_valid_from text, erased_at text);
      CREATE TABLE sessions (token_hash text PRIMARY KEY, user_id text NOT NULL REFERENCES users (user_id), created_at text NOT NULL, expires_at text NOT NULL, revoked_at text);
      CREATE TABLE one_time_links (token_hash text PRIMARY KEY, user_id text NOT NULL REFERENCES users (user_id), purpose text NOT NULL,
        created_at text NOT NULL, expires_at text NOT NULL, used_at text);
      CREATE TABLE shared_secrets (name text PRIMARY KEY, secret text NOT NULL);
      INSERT INTO users (user_id, email, password_hash, role, created_at) VALUES ('u1', 'invitee@example.org', 'scrypt$avant', 'AUDITOR', '2026-01-01T00:00:00Z');
      INSERT INTO one_time_links VALUES ('l1', 'u1', 'INVITATION', '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z', NULL);
      INSERT INTO one_time_links VALUES ('l2', 'u1', 'PASSWORD_RESET', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', '2026-01-01T00:30:00Z');
    `);
    const [first, second] = await Promise.all([PostgresIdentityStore.open(firstPool), PostgresIdentityStore.open(secondPool)]);
    expect((await first.findOneTimeLink('l1'))?.passwordFingerprint).toBe(passwordFingerprint('scrypt$avant'));
    expect((await second.findOneTimeLink('l2'))?.passwordFingerprint).toBeNull();
  }));
});

describe('the sessions ended long ago in PostgreSQL', () => {
  const PLAN_BEFORE = '2026-01-01T00:00:00.000Z';
  /** The purge's plan, sequential scans ruled out wherever an index can serve: on a few rows the planner would pick them anyway. */
  async function purgePlan(pool: pg.Pool): Promise<string> {
    const client = await pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${FORGET_ENDED_SESSIONS}`, [PLAN_BEFORE]);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      client.release();
    }
  }

  it('are found through indexes, not by reading every session (a row per sign-in)', () => withTwoServers(async (pool) => {
    await PostgresIdentityStore.open(pool);
    const plan = await purgePlan(pool);
    expect(plan).toMatch(/Index Scan on sessions_by_expiry/);
    expect(plan).toMatch(/Index Scan on sessions_by_revocation/);
    expect(plan).not.toMatch(/Seq Scan on sessions/);
  }));

  it('are found through indexes a database made before them gains from the first server that opens it', () => withTwoServers(async (firstPool, secondPool) => {
    await firstPool.query(`
      CREATE TABLE users (user_id text PRIMARY KEY, email text UNIQUE, password_hash text, role text NOT NULL, member_id text, created_at text NOT NULL,
        disabled_at text, sessions_valid_from text, erased_at text);
      CREATE TABLE sessions (token_hash text PRIMARY KEY, user_id text NOT NULL REFERENCES users (user_id), created_at text NOT NULL, expires_at text NOT NULL, revoked_at text);
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE TABLE one_time_links (token_hash text PRIMARY KEY, user_id text NOT NULL REFERENCES users (user_id), purpose text NOT NULL,
        created_at text NOT NULL, expires_at text NOT NULL, used_at text, password_fingerprint text);
      CREATE TABLE shared_secrets (name text PRIMARY KEY, secret text NOT NULL);
    `);
    await Promise.all([PostgresIdentityStore.open(firstPool), PostgresIdentityStore.open(secondPool)]);
    expect(await purgePlan(secondPool)).not.toMatch(/Seq Scan on sessions/);
  }));
});

describe('calendar feeds and notices in PostgreSQL', () => {
  it('shows a feed created through one server to the other, and counts only its first revocation', () => withTwoServers(async (firstPool, secondPool) => {
    const [first, second] = [await PostgresCalendarFeedStore.open(firstPool), await PostgresCalendarFeedStore.open(secondPool)];
    const owner = randomUUID();
    const feed = { feedId: 'a'.repeat(64), ownerUserId: owner, resourceId: 'resource-1', memberId: null, createdAt: '2025-03-01T09:00:00.000Z', revokedAt: null };
    const later = { ...feed, feedId: 'b'.repeat(64), resourceId: null, memberId: 'member-1', createdAt: '2025-03-02T09:00:00.000Z' };
    await first.create(later);
    await first.create(feed);
    expect(await second.listOwnedBy(owner)).toEqual([feed, later]);
    await second.revoke(feed.feedId, '2025-03-03T09:00:00.000Z');
    await first.revoke(feed.feedId, '2025-03-04T09:00:00.000Z');
    expect(await first.find(feed.feedId)).toEqual({ ...feed, revokedAt: '2025-03-03T09:00:00.000Z' });
    expect(await first.find('c'.repeat(64))).toBeUndefined();
    await expect(first.create({ ...feed, feedId: 'd'.repeat(64), memberId: 'member-1' })).rejects.toThrow();
  }));

  it('never moves the notices’ checkpoint backwards, and shares who turned notices off', () => withTwoServers(async (firstPool, secondPool) => {
    const [first, second] = [await PostgresNoticeStore.open(firstPool), await PostgresNoticeStore.open(secondPool)];
    expect(await first.checkpoint()).toBeNull();
    await first.saveCheckpoint(42);
    await second.saveCheckpoint(17);
    expect(await second.checkpoint()).toBe(42);
    await first.setNoticesOff('user-1', true);
    await first.setNoticesOff('user-1', true);
    await second.setNoticesOff('user-2', true);
    await second.setNoticesOff('user-2', false);
    expect(await second.usersWithNoticesOff(['user-1', 'user-2', 'user-3'])).toEqual(new Set(['user-1']));
    expect(await second.usersWithNoticesOff([])).toEqual(new Set());
  }));

  it('creates its tables once when several servers open the same empty database at the same time', async () => {
    const url = await postgres.freshSchemaUrl();
    const pools = Array.from({ length: 4 }, () => createPostgresPool(url));
    try {
      const stores = await Promise.all(pools.map((pool) => PostgresIdentityStore.open(pool)));
      const secrets = await Promise.all(stores.map((store, index) => store.sharedSecret('download-links', `candidate-${index}`)));
      expect(new Set(secrets).size).toBe(1);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
