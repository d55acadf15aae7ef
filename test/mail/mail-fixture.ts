import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AccountLinks } from '../../api/auth/account-links.js';
import { AuthService } from '../../api/auth/auth-service.js';
import { type IdentityStore } from '../../api/identity/identity-store.js';
import { SqliteIdentityStore } from '../../api/identity/sqlite-identity-store.js';
import { type MailOutbox } from '../../api/mail/mail-outbox.js';
import { MailSender, type MailSenderOptions } from '../../api/mail/mail-sender.js';
import { type MailLogger, type MailTransport, smtpTransport } from '../../api/mail/mail-transport.js';
import { SqliteMailOutbox } from '../../api/mail/sqlite-mail-outbox.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { StandingClock } from '../support/test-clocks.js';

export const MAIL_FROM = 'Pôle de l’Étang <mutua@pole-etang.test>';
export const BASE_URL = 'https://mutua.pole-etang.test';

/** Warnings and errors kept for assertions, nothing printed. */
export class RecordingLogger implements MailLogger {
  readonly lines: { level: string; data: object; message: string }[] = [];
  info = (data: object, message: string) => void this.lines.push({ level: 'info', data, message });
  warn = (data: object, message: string) => void this.lines.push({ level: 'warn', data, message });
  error = (data: object, message: string) => void this.lines.push({ level: 'error', data, message });
}

/** Where the accounts and the outbox are kept, as one server process opens them. */
export interface MailStores {
  identity: IdentityStore;
  outbox: MailOutbox;
  /** Another process's outbox on the same storage: its own connection. */
  openOtherOutbox(): Promise<MailOutbox>;
  close(): Promise<void>;
}

/** Accounts and outbox in one SQLite file of a temporary directory. */
export function sqliteMailStores(): MailStores {
  const directory = mkdtempSync(join(tmpdir(), 'mutua-mail-'));
  const databases: BetterSqlite3.Database[] = [];
  const open = () => {
    const db = openSqliteDatabase(join(directory, 'mutua.sqlite'));
    databases.push(db);
    return db;
  };
  const db = open();
  return {
    identity: new SqliteIdentityStore(db),
    outbox: new SqliteMailOutbox(db),
    openOtherOutbox: () => Promise.resolve(new SqliteMailOutbox(open())),
    close: () => {
      for (const database of databases) database.close();
      rmSync(directory, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** Accounts and outbox on `stores` (a SQLite file unless given), the services on them, and a loopback SMTP server. */
export async function openMailFixture(stores: MailStores = sqliteMailStores()) {
  const { identity, outbox } = stores;
  const clock = new StandingClock();
  const auth = new AuthService(identity, 12, clock.now, { forgetMailsTo: (email) => outbox.forgetRecipient(email) });
  const links = new AccountLinks(identity, outbox, clock.now, { poleName: 'Pôle de l’Étang' });
  const inbox = new SmtpInbox();
  await inbox.start();
  const logger = new RecordingLogger();
  const senders: MailSender[] = [];
  return {
    clock, identity, outbox, auth, links, inbox, logger,
    /** A second process on the same storage: its own connection and outbox. */
    openOtherOutbox: () => stores.openOtherOutbox(),
    /** A sender over SMTP to the inbox (or through `transport`), as a server process runs one. */
    sender(transport: MailTransport = smtpTransport(inbox.url, MAIL_FROM), outboxOfSender = outbox, options: MailSenderOptions = {}) {
      const sender = new MailSender(outboxOfSender, transport, clock.now, logger, { claimMs: 60_000, batchSize: 10, pollIntervalMs: 60_000, ...options });
      senders.push(sender);
      return sender;
    },
    async dispose() {
      await Promise.all(senders.map((sender) => sender.stop()));
      await inbox.stop();
      await stores.close();
    },
  };
}

export type MailFixture = Awaited<ReturnType<typeof openMailFixture>>;

/** The token of the choose-password link a mail's text holds. */
export function linkTokenIn(text: string): string {
  const match = /#\/choose-password\?token=([\w-]+)/.exec(text);
  if (!match) throw new Error(`No choose-password link in:\n${text}`);
  return match[1]!;
}
