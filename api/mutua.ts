import { type EventStore } from '../eventstore/event-store.js';
import { LEDGER_TABLES } from '../projections/tables/ledger-tables.js';
import { openInMemoryReadModels, type ReadModelDatabase } from '../projections/tables/read-model-database.js';
import { ReadModels } from '../projections/tables/read-models.js';
import { type ReadModelsView } from '../projections/tables/read-models-view.js';
import { ProjectorThread } from '../projections/tables/projector-thread.js';
import { newsBetweenProcesses } from './server-processes.js';
import { AuthService } from './auth/auth-service.js';
import { AnsweredAhead } from './commands/answered-ahead.js';
import { MemberCommands } from './commands/member-commands.js';
import { ReservationCommands } from './commands/reservation-commands.js';
import { ResourceCommands } from './commands/resource-commands.js';
import { UsageCommands } from './commands/usage-commands.js';
import { FinanceCommands } from './commands/finance-commands.js';
import { InvoicingPartiesCommands } from './commands/invoicing-parties-commands.js';
import { type MutuaConfig } from './config.js';
import { DownloadLinks } from './auth/download-links.js';
import { type IdentityStore } from './identity/identity-store.js';
import { type HealthLogger, StoreHealth } from './health/store-health.js';
import { openConfiguredReadModels } from './operations/configured-store.js';
import { CalendarFeeds } from './calendar-feeds/calendar-feeds.js';
import { PasswordResetThrottle, SignInThrottle } from './login-rate-limit.js';
import { AccountLinks } from './auth/account-links.js';
import { type MailOutbox } from './mail/mail-outbox.js';
import { MailSender } from './mail/mail-sender.js';
import { logTransport, type MailLogger, smtpTransport } from './mail/mail-transport.js';
import { NoticeFollower } from './mail/notice-follower.js';
import { type NoticeStore } from './mail/notice-store.js';
import { openStoreBackend, type StoreBackend } from './store-backends.js';

/** The write side of the ledger, by area. */
export interface LedgerCommands {
  members: MemberCommands;
  resources: ResourceCommands;
  reservations: ReservationCommands;
  usage: UsageCommands;
  finance: FinanceCommands;
  /** Who the invoices name: the members' invoicing identity and mandates, and the pôle's profile. */
  invoicingParties: InvoicingPartiesCommands;
}

export function ledgerCommands(
  store: EventStore,
  readModels: ReadModelsView,
  clock: () => Date = () => new Date(),
  answeredAhead = new AnsweredAhead(readModels),
): LedgerCommands {
  const dependencies = { store, readModels, clock, answeredAhead };
  const reservations = new ReservationCommands(dependencies);
  const finance = new FinanceCommands(dependencies);
  return {
    members: new MemberCommands(dependencies, reservations),
    resources: new ResourceCommands(dependencies),
    reservations,
    usage: new UsageCommands(dependencies, finance),
    finance,
    invoicingParties: new InvoicingPartiesCommands(dependencies),
  };
}

/** Everything one server process needs, wired once at start and closed once at stop. */
export interface Mutua {
  /** The one clock every decision of this process reads "now" from (tests and tools may pass their own). */
  clock: () => Date;
  store: EventStore;
  identity: IdentityStore;
  auth: AuthService;
  /** Short-lived links to one file each, so that no session token travels in an address. */
  downloads: DownloadLinks;
  /** The read models in tables, shared by every process that uses the same database, projected off the request thread. */
  readModels: ReadModelsView;
  /** The furthest position this process answered before its read models held it: later reads wait for it. */
  answeredAhead: AnsweredAhead;
  /** Whether the store reads and writes and the read models are caught up, for /health. */
  health: StoreHealth;
  commands: LedgerCommands;
  calendarFeeds: CalendarFeeds;
  /** Mails waiting to be sent, shared by every process of the store. */
  outbox: MailOutbox;
  /** The notices' checkpoint in the log, and who turned notices off. */
  notices: NoticeStore;
  /** Invitations and password resets by one-time link. */
  accountLinks: AccountLinks;
  /**
   * Starts sending the outbox's mails (over SMTP, or to `logger` without MUTUA_SMTP_URL), and
   * queuing the notices the ledger's events call for, until `close`. A server starts it; tools that open Mutua for a moment leave the mails to a server.
   */
  startMailSender(logger: MailLogger): void;
  close(): Promise<void>;
}

/** Store trouble goes to stderr, beside Fastify's log on stdout: an operator sees it whatever the log level. */
const STDERR_LOGGER: HealthLogger = {
  warn: (message) => console.warn(`[mutua] ${message}`),
  info: (message) => console.warn(`[mutua] ${message}`),
};

/**
 * Read models in tables for `store`, started and caught up: in memory unless a database is given.
 * For tests, benchmarks and tools that need the command handlers without a server.
 */
export async function startReadModels(store: EventStore, database: ReadModelDatabase = openInMemoryReadModels()): Promise<ReadModels> {
  const readModels = new ReadModels(store, database, LEDGER_TABLES, { closeDatabaseOnStop: true });
  await readModels.start();
  await readModels.caughtUp();
  return readModels;
}

export interface OpenOptions {
  /**
   * Resolve only once the read models have caught up with the log (the default, for tools and
   * tests). A server passes false: it listens at once, `/health` saying `catching-up` meanwhile.
   */
  waitForReadModels?: boolean;
  /** The clock decisions read; the machine's by default. */
  clock?: () => Date;
}

export async function openMutua(config: MutuaConfig, logger: HealthLogger = STDERR_LOGGER, options: OpenOptions = {}): Promise<Mutua> {
  const backend = await openStoreBackend(config);
  const { store, identity, outbox } = backend;
  const clock = options.clock ?? (() => new Date());
  let mailSender: MailSender | undefined;
  let noticeFollower: NoticeFollower | undefined;
  const { auth, accountLinks } = accountServices(config, backend, clock, () => mailSender?.wake());
  const readModels = await projectorThread(store, config, logger);
  // The projector thread loads its code while this one prepares the accounts.
  const started = readModels.start();
  started.catch(() => undefined);
  await auth.bootstrapCoordinator(config.admin);
  await backend.upgrade();
  await started;
  if (options.waitForReadModels !== false) await readModels.caughtUp();
  const health = new StoreHealth(store, readModels, logger, backend.probeWrites);
  const answeredAhead = new AnsweredAhead(readModels);
  return {
    clock,
    store,
    identity,
    auth,
    downloads: new DownloadLinks(identity, auth, clock),
    readModels,
    health,
    answeredAhead,
    commands: ledgerCommands(health.watchedStore(), readModels, clock, answeredAhead),
    calendarFeeds: new CalendarFeeds(backend.feeds, identity, readModels, clock),
    outbox,
    notices: backend.notices,
    accountLinks,
    startMailSender(logger) {
      if (mailSender) throw new Error('The mail sender is started once per process');
      const { smtpUrl, from } = config.mail;
      const transport = smtpUrl === undefined ? logTransport(logger, from) : smtpTransport(smtpUrl, from);
      const sender = new MailSender(outbox, transport, clock, logger);
      mailSender = sender;
      // Notices link to the sign-in page: without MUTUA_PUBLIC_URL (development), this machine's.
      const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
      noticeFollower = new NoticeFollower(store, readModels, identity, outbox, backend.notices, clock, baseUrl, logger, () => sender.wake());
      sender.start();
      noticeFollower.start();
    },
    async close() {
      await noticeFollower?.stop();
      await mailSender?.stop();
      await readModels.stop();
      await backend.close();
    },
  };
}

/** Sign-in and sessions, and the invitations' and password resets' links, on the one clock. */
function accountServices(config: MutuaConfig, backend: StoreBackend, clock: () => Date, wakeMailSender: () => void) {
  // An address is a credential no session bounds: what ends a person's other sessions (« se
  // déconnecter partout », a new password) ends their addresses too, else whoever was signed out
  // keeps reading the calendars.
  const revokeCalendarFeedsOf = (userId: string, at: string) => backend.feeds.revokeAllOwnedBy(userId, at);
  const auth = new AuthService(backend.identity, config.sessionLifetimeHours, clock, {
    throttle: new SignInThrottle(backend.loginFailures, () => clock().getTime()),
    poleName: config.poleName,
    forgetMailsTo: (email) => backend.outbox.forgetRecipient(email),
    revokeCalendarFeedsOf,
  });
  const accountLinks = new AccountLinks(backend.identity, backend.outbox, clock, {
    poleName: config.poleName,
    onMailQueued: wakeMailSender,
    throttle: new PasswordResetThrottle(backend.loginFailures, () => clock().getTime()),
    revokeCalendarFeedsOf,
  });
  return { auth, accountLinks };
}

/**
 * The read models: tables of PostgreSQL with MUTUA_STORE=postgres (beside the events) or with
 * KurrentDB and DATABASE_URL; of the data directory otherwise. A worker thread projects (or follows
 * the process that does); this thread only reads them. Not started yet.
 */
async function projectorThread(store: EventStore, config: MutuaConfig, logger: HealthLogger): Promise<ProjectorThread> {
  // News arrives on a later turn of the event loop, once `readModels` below exists.
  const news = newsBetweenProcesses((told) => readModels.hearNews(told));
  const readModels = new ProjectorThread(store, await openConfiguredReadModels(config, 'reading'), {
    workerModule: new URL('./operations/projector-worker.ts', import.meta.url),
    payload: config,
    onError: (error) => logger.warn(`Read models not updated (tried again in a second): ${error instanceof Error ? error.message : String(error)}`),
    ...(news ? { news } : {}),
  });
  return readModels;
}
