import type BetterSqlite3 from 'better-sqlite3';
import { type ClaimedMail, type MailOutbox, type MailState, type OutgoingMail } from './mail-outbox.js';
import {
  assertClaimEndsAfterStart, claimedMailOf, mailStateOf, shortenedError, type ClaimedMailRow, type MailStateRow,
} from './mail-outbox-rows.js';

/**
 * The outbox as a table of a SQLite file: the store's own file in the embedded setup (beside the
 * accounts), so that every server process sharing the file shares the outbox and its claims.
 */
export class SqliteMailOutbox implements MailOutbox {
  private readonly statements;
  private readonly claimTransaction: (now: string, claimedUntil: string, limit: number) => ClaimedMailRow[];
  private readonly releaseTransaction: (ids: readonly number[], claimedUntil: string) => void;

  constructor(db: BetterSqlite3.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS mail_outbox (
        id              INTEGER PRIMARY KEY,
        mail_key        TEXT NOT NULL UNIQUE,
        recipient       TEXT NOT NULL,
        subject         TEXT NOT NULL,
        text_body       TEXT NOT NULL,
        html_body       TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        claimed_until   TEXT,
        sent_at         TEXT,
        abandoned_at    TEXT,
        last_error      TEXT
      ) STRICT;
      CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND abandoned_at IS NULL;
      -- Erasing a person's unsent mails (forgetRecipient) finds them without reading the whole outbox, as on PostgreSQL.
      CREATE INDEX IF NOT EXISTS mail_outbox_by_recipient ON mail_outbox (recipient) WHERE sent_at IS NULL;
    `);
    this.statements = {
      insert: db.prepare(
        `INSERT INTO mail_outbox (mail_key, recipient, subject, text_body, html_body, created_at, next_attempt_at)
         VALUES (@key, @to, @subject, @text, @html, @now, @now) ON CONFLICT (mail_key) DO NOTHING`,
      ),
      due: db.prepare<[string, string, number], ClaimedMailRow>(
        `SELECT id, mail_key, recipient, subject, text_body, html_body, attempts FROM mail_outbox
         WHERE sent_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
         ORDER BY next_attempt_at, id LIMIT ?`,
      ),
      claim: db.prepare('UPDATE mail_outbox SET claimed_until = ?, attempts = attempts + 1 WHERE id = ?'),
      release: db.prepare(
        `UPDATE mail_outbox SET claimed_until = NULL, attempts = attempts - 1
         WHERE id = ? AND claimed_until = ? AND sent_at IS NULL AND abandoned_at IS NULL`,
      ),
      sent: db.prepare(
        `UPDATE mail_outbox SET sent_at = ?, claimed_until = NULL, last_error = NULL, recipient = '', text_body = '', html_body = ''
         WHERE id = ? AND sent_at IS NULL`,
      ),
      retry: db.prepare('UPDATE mail_outbox SET last_error = ?, next_attempt_at = ?, claimed_until = NULL WHERE id = ? AND sent_at IS NULL'),
      abandon: db.prepare('UPDATE mail_outbox SET last_error = ?, abandoned_at = ?, claimed_until = NULL WHERE id = ? AND sent_at IS NULL'),
      forgetDone: db.prepare<[string, string]>('DELETE FROM mail_outbox WHERE sent_at < ? OR abandoned_at < ?'),
      forget: db.prepare('DELETE FROM mail_outbox WHERE recipient = ? AND sent_at IS NULL'),
      state: db.prepare<[string], MailStateRow>(
        'SELECT mail_key, attempts, next_attempt_at, sent_at, abandoned_at, last_error FROM mail_outbox WHERE mail_key = ?',
      ),
    };
    const claimTransaction = db.transaction((now: string, claimedUntil: string, limit: number) => {
      const rows = this.statements.due.all(now, now, limit);
      for (const row of rows) this.statements.claim.run(claimedUntil, row.id);
      return rows.map((row) => ({ ...row, attempts: row.attempts + 1 }));
    });
    // IMMEDIATE takes the write lock before reading: two processes never claim the same row.
    this.claimTransaction = (now, claimedUntil, limit) => claimTransaction.immediate(now, claimedUntil, limit);
    this.releaseTransaction = db.transaction((ids: readonly number[], claimedUntil: string) => {
      for (const id of ids) this.statements.release.run(id, claimedUntil);
    });
  }

  async enqueue(mail: OutgoingMail, now: string): Promise<boolean> {
    return this.statements.insert.run({ ...mail, now }).changes === 1;
  }

  async claimDue(now: string, claimedUntil: string, limit: number): Promise<ClaimedMail[]> {
    assertClaimEndsAfterStart(now, claimedUntil);
    return this.claimTransaction(now, claimedUntil, limit).map(claimedMailOf);
  }

  async releaseClaims(ids: readonly number[], claimedUntil: string): Promise<void> {
    this.releaseTransaction(ids, claimedUntil);
  }

  async markSent(id: number, sentAt: string): Promise<void> {
    this.statements.sent.run(sentAt, id);
  }

  async scheduleRetry(id: number, error: string, nextAttemptAt: string): Promise<void> {
    this.statements.retry.run(shortenedError(error), nextAttemptAt, id);
  }

  async abandon(id: number, error: string, at: string): Promise<void> {
    this.statements.abandon.run(shortenedError(error), at, id);
  }

  async forgetDone(before: string): Promise<number> {
    return this.statements.forgetDone.run(before, before).changes;
  }

  async forgetRecipient(email: string): Promise<void> {
    this.statements.forget.run(email);
  }

  async stateOf(key: string): Promise<MailState | undefined> {
    const row = this.statements.state.get(key);
    return row && mailStateOf(row);
  }
}
