import { join } from 'node:path';
import type pg from 'pg';
import { type EventStore } from '../eventstore/event-store.js';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';
import { type CalendarFeedStore } from './calendar-feeds/calendar-feed-store.js';
import { SqliteCalendarFeedStore } from './calendar-feeds/sqlite-calendar-feed-store.js';
import { type MutuaConfig } from './config.js';
import { SqliteWriteProbe } from './health/sqlite-write-probe.js';
import { type WriteProbe } from './health/store-health.js';
import { type IdentityStore } from './identity/identity-store.js';
import { SqliteIdentityStore } from './identity/sqlite-identity-store.js';
import { SqliteLoginAttempts } from './identity/sqlite-login-attempts.js';
import { MemoryFailureCounts, type SignInFailureCounts } from './login-rate-limit.js';
import { type MailOutbox } from './mail/mail-outbox.js';
import { type NoticeStore, SqliteNoticeStore } from './mail/notice-store.js';
import { SqliteMailOutbox } from './mail/sqlite-mail-outbox.js';
import { markServing } from './operations/serving-marker.js';

/** The event store and, beside it, what every server process of the store shares. */
export interface StoreBackend {
  store: EventStore;
  identity: IdentityStore;
  feeds: CalendarFeedStore;
  outbox: MailOutbox;
  notices: NoticeStore;
  loginFailures: SignInFailureCounts;
  /** /health's write probe, when it must not be the store's own `checkWritable` on the request thread. */
  probeWrites?: WriteProbe;
  /** Brings data of earlier releases up to date, once the stores are open. */
  upgrade(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the backend the configuration names:
 * - `sqlite`: everything in the data directory's `mutua.sqlite`;
 * - `postgres`: everything in PostgreSQL, nothing in the data directory, so that application
 *   servers are interchangeable;
 * - `kurrentdb`: events, accounts and calendar feeds in KurrentDB's streams; the outbox, the
 *   notices and the sign-in failures in PostgreSQL with DATABASE_URL, in the data directory without.
 */
export async function openStoreBackend(config: MutuaConfig): Promise<StoreBackend> {
  if (config.store.kind === 'kurrentdb') return openKurrentDbBackend(config, config.store.url, config.store.databaseUrl);
  if (config.store.kind === 'postgres') return openPostgresBackend(config.store.url);
  return openSqliteBackend(config);
}

function openSqliteBackend(config: MutuaConfig): StoreBackend {
  const file = join(config.dataDirectory, 'mutua.sqlite');
  const database = openSqliteDatabase(file);
  const store = new SqliteEventStore(database);
  // A commit waits for its fsync: the probe's, with nobody waiting for it, is made in a thread of its own.
  const writeProbe = new SqliteWriteProbe(file);
  // Only the SQLite store can be restored by Mutua (`npm run restore`), which must know who has it open.
  const unmarkServing = markServing(config.dataDirectory);
  return {
    store,
    identity: new SqliteIdentityStore(database),
    feeds: new SqliteCalendarFeedStore(database),
    // In the store's own file, beside the accounts: every process shares it and its claims.
    outbox: new SqliteMailOutbox(database),
    notices: new SqliteNoticeStore(database),
    loginFailures: new SqliteLoginAttempts(database),
    probeWrites: () => writeProbe.probe(),
    upgrade: () => Promise.resolve(),
    close: async () => {
      await writeProbe.stop();
      await store.close();
      database.close();
      unmarkServing();
    },
  };
}

async function openPostgresBackend(url: string): Promise<StoreBackend> {
  const { PostgresEventStore, PostgresIdentityStore, PostgresCalendarFeedStore } = await postgresStores();
  const store = new PostgresEventStore(url);
  try {
    const shared = await openSharedTables(url);
    return {
      store,
      identity: await PostgresIdentityStore.open(shared.pool),
      feeds: await PostgresCalendarFeedStore.open(shared.pool),
      ...shared.stores,
      upgrade: () => Promise.resolve(),
      close: async () => {
        await store.close();
        await shared.pool.end();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function openKurrentDbBackend(config: MutuaConfig, url: string, databaseUrl: string | undefined): Promise<StoreBackend> {
  const { KurrentDbEventStore, KurrentDbCalendarFeedStore, KurrentDbIdentityStore } = await kurrentDbStores();
  const store = new KurrentDbEventStore(url);
  const feeds = new KurrentDbCalendarFeedStore(store, store);
  const common = {
    store,
    identity: new KurrentDbIdentityStore(store, store),
    feeds,
    /** Feeds of earlier releases held their secret in clear in their events (SQLite's table is upgraded as it opens). */
    upgrade: () => feeds.forgetClearSecrets(),
  };
  if (databaseUrl !== undefined) {
    const shared = await openSharedTables(databaseUrl).catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    return {
      ...common,
      ...shared.stores,
      close: async () => {
        await store.close();
        await shared.pool.end();
      },
    };
  }
  // KurrentDB has no tables: without DATABASE_URL the outbox is a SQLite file in the data directory, as the read models are.
  const outboxDatabase = openSqliteDatabase(join(config.dataDirectory, 'mail-outbox.sqlite'));
  return {
    ...common,
    outbox: new SqliteMailOutbox(outboxDatabase),
    notices: new SqliteNoticeStore(outboxDatabase),
    // Nor a table for them: each process counts the failures it sees.
    loginFailures: new MemoryFailureCounts(),
    close: async () => {
      await store.close();
      outboxDatabase.close();
    },
  };
}

/**
 * KurrentDB's stores, loaded by a server on KurrentDB only: its client (gRPC, protocol buffers)
 * took 0.24 s of every start and 6.6 MiB of the request thread's heap, which each of that
 * thread's full garbage collections marks again.
 */
async function kurrentDbStores() {
  const [{ KurrentDbEventStore }, { KurrentDbCalendarFeedStore }, { KurrentDbIdentityStore }] = await Promise.all([
    import('../eventstore/kurrentdb/kurrentdb-event-store.js'),
    import('./calendar-feeds/kurrentdb-calendar-feed-store.js'),
    import('./identity/kurrentdb-identity-store.js'),
  ]);
  return { KurrentDbEventStore, KurrentDbCalendarFeedStore, KurrentDbIdentityStore };
}

/**
 * PostgreSQL's stores, loaded by a server on PostgreSQL (or on KurrentDB with DATABASE_URL) only:
 * node-postgres held 2 MiB of the request thread's heap, which each full collection marks again.
 */
async function postgresStores() {
  const [{ PostgresEventStore }, { createPostgresPool }, { PostgresCalendarFeedStore }, { PostgresIdentityStore }, { PostgresLoginAttempts }, { PostgresMailOutbox }, { PostgresNoticeStore }] = await Promise.all([
    import('../eventstore/postgres/postgres-event-store.js'),
    import('../eventstore/postgres/postgres-pool.js'),
    import('./calendar-feeds/postgres-calendar-feed-store.js'),
    import('./identity/postgres-identity-store.js'),
    import('./identity/postgres-login-attempts.js'),
    import('./mail/postgres-mail-outbox.js'),
    import('./mail/postgres-notice-store.js'),
  ]);
  return { PostgresEventStore, createPostgresPool, PostgresCalendarFeedStore, PostgresIdentityStore, PostgresLoginAttempts, PostgresMailOutbox, PostgresNoticeStore };
}

/** The outbox, the notices and the sign-in failures in PostgreSQL, on one pool of connections. */
async function openSharedTables(url: string): Promise<{ pool: pg.Pool; stores: Pick<StoreBackend, 'outbox' | 'notices' | 'loginFailures'> }> {
  const { createPostgresPool, PostgresMailOutbox, PostgresNoticeStore, PostgresLoginAttempts } = await postgresStores();
  const pool = createPostgresPool(url);
  try {
    return {
      pool,
      stores: {
        outbox: await PostgresMailOutbox.open(pool),
        notices: await PostgresNoticeStore.open(pool),
        loginFailures: await PostgresLoginAttempts.open(pool),
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
