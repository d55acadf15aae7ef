import { join } from 'node:path';
import { type EventStore } from '../eventstore/event-store.js';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';
import { KurrentDbEventStore } from '../eventstore/kurrentdb/kurrentdb-event-store.js';
import { type Projection } from '../projections/projection.js';
import { ProjectionEngine } from '../projections/projection-engine.js';
import { SnapshotStore } from '../projections/snapshot-store.js';
import { membersProjection } from '../projections/members/members-projection.js';
import { resourcesProjection } from '../projections/resources/resources-projection.js';
import { calendarsProjection } from '../projections/calendars/calendars-projection.js';
import { declarationsProjection } from '../projections/declarations/declarations-projection.js';
import { sitesProjection } from '../projections/sites/sites-projection.js';
import { usageProjection } from '../projections/usage/usage-projection.js';
import { financeProjection } from '../projections/finance/finance-projection.js';
import { openSqliteReadModels } from '../projections/tables/read-model-database.js';
import { type ReadModels } from '../projections/tables/read-models.js';
import { AuthService } from './auth/auth-service.js';
import { MemberCommands } from './commands/member-commands.js';
import { ReservationCommands } from './commands/reservation-commands.js';
import { ResourceCommands } from './commands/resource-commands.js';
import { UsageCommands } from './commands/usage-commands.js';
import { FinanceCommands } from './commands/finance-commands.js';
import { type MutuaConfig } from './config.js';
import { DownloadLinks } from './auth/download-links.js';
import { type IdentityStore } from './identity/identity-store.js';
import { type HealthLogger, StoreHealth } from './health/store-health.js';
import { markServing } from './operations/serving-marker.js';
import { CalendarFeeds } from './calendar-feeds/calendar-feeds.js';
import { SqliteCalendarFeedStore } from './calendar-feeds/sqlite-calendar-feed-store.js';
import { KurrentDbCalendarFeedStore } from './calendar-feeds/kurrentdb-calendar-feed-store.js';
import { KurrentDbIdentityStore } from './identity/kurrentdb-identity-store.js';
import { SqliteIdentityStore } from './identity/sqlite-identity-store.js';
import { SqliteLoginAttempts } from './identity/sqlite-login-attempts.js';
import { MemoryFailureCounts, SignInThrottle } from './login-rate-limit.js';

export const LEDGER_PROJECTIONS = [
  membersProjection, sitesProjection, resourcesProjection, calendarsProjection, usageProjection, declarationsProjection, financeProjection,
] as Projection<unknown>[];

/** The write side of the ledger, by area. */
export interface LedgerCommands {
  members: MemberCommands;
  resources: ResourceCommands;
  reservations: ReservationCommands;
  usage: UsageCommands;
  finance: FinanceCommands;
}

export function ledgerCommands(store: EventStore, projections: ProjectionEngine, clock: () => Date = () => new Date()): LedgerCommands {
  const dependencies = { store, projections, readModels: projections.readModels, clock };
  const reservations = new ReservationCommands(dependencies);
  return {
    members: new MemberCommands(dependencies, reservations),
    resources: new ResourceCommands(dependencies),
    reservations,
    usage: new UsageCommands(dependencies),
    finance: new FinanceCommands(dependencies),
  };
}

/** Everything one server process needs, wired once at start and closed once at stop. */
export interface Mutua {
  store: EventStore;
  identity: IdentityStore;
  auth: AuthService;
  /** Short-lived links to one file each, so that no session token travels in an address. */
  downloads: DownloadLinks;
  projections: ProjectionEngine;
  /** The read models in tables, shared by every process that uses the same database. */
  readModels: ReadModels;
  /** Whether the store reads and writes and the read models are caught up, for /health. */
  health: StoreHealth;
  commands: LedgerCommands;
  calendarFeeds: CalendarFeeds;
  close(): Promise<void>;
}

/** The event store and, in the same backend, the accounts and calendar feeds every process shares. */
function openBackend(config: MutuaConfig) {
  if (config.store.kind === 'kurrentdb') {
    const store = new KurrentDbEventStore(config.store.url);
    const feeds = new KurrentDbCalendarFeedStore(store, store);
    return {
      store,
      identity: new KurrentDbIdentityStore(store, store),
      feeds,
      /** Feeds of earlier releases held their secret in clear in their events (SQLite's table is upgraded as it opens). */
      upgrade: () => feeds.forgetClearSecrets(),
      // KurrentDB has no table for them: each process counts the failures it sees.
      loginFailures: new MemoryFailureCounts(),
      close: () => store.close(),
    };
  }
  const database = openSqliteDatabase(join(config.dataDirectory, 'mutua.sqlite'));
  const store = new SqliteEventStore(database);
  const unmarkServing = markServing(config.dataDirectory);
  return {
    store,
    identity: new SqliteIdentityStore(database),
    feeds: new SqliteCalendarFeedStore(database),
    upgrade: async () => undefined,
    loginFailures: new SqliteLoginAttempts(database),
    close: async () => {
      await store.close();
      database.close();
      unmarkServing();
    },
  };
}

/** Store trouble goes to stderr, beside Fastify's log on stdout: an operator sees it whatever the log level. */
const STDERR_LOGGER: HealthLogger = {
  warn: (message) => console.warn(`[mutua] ${message}`),
  info: (message) => console.warn(`[mutua] ${message}`),
};

export async function openMutua(config: MutuaConfig, logger: HealthLogger = STDERR_LOGGER): Promise<Mutua> {
  const backend = openBackend(config);
  const { store, identity } = backend;
  // Read models are this process's own cache: with KurrentDB there is no shared file to keep them in.
  const snapshotDatabase = openSqliteDatabase(join(config.dataDirectory, 'projections.sqlite'));
  const auth = new AuthService(identity, config.sessionLifetimeHours, undefined, {
    throttle: new SignInThrottle(backend.loginFailures),
    poleName: config.poleName,
  });
  const readModelDatabase = openSqliteReadModels(config.dataDirectory);
  const projections = new ProjectionEngine(store, LEDGER_PROJECTIONS, new SnapshotStore(snapshotDatabase), {
    snapshotIntervalMs: config.snapshotIntervalMs,
    readModelDatabase,
    onReadModelError: (error) => logger.warn(`Read models not updated (tried again in a second): ${String(error)}`),
    onSnapshotError: (error) => logger.warn(`Read-model snapshots not saved (the next start will catch up from older ones): ${String(error)}`),
  });
  await projections.start();
  const health = new StoreHealth(store, projections, logger);
  await auth.bootstrapCoordinator(config.admin);
  await backend.upgrade();
  return {
    store,
    identity,
    auth,
    downloads: new DownloadLinks(identity, auth),
    projections,
    readModels: projections.readModels,
    health,
    commands: ledgerCommands(health.watchedStore(), projections),
    calendarFeeds: new CalendarFeeds(backend.feeds, identity, projections),
    async close() {
      await projections.stop();
      await readModelDatabase.close();
      await backend.close();
      snapshotDatabase.close();
    },
  };
}
