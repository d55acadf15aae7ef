import type pg from 'pg';
import { type ClaimedMail, type MailOutbox, type MailState, type OutgoingMail } from './mail-outbox.js';
import {
  assertClaimEndsAfterStart, claimedMailOf, mailStateOf, shortenedError, type ClaimedMailRow, type MailStateRow,
} from './mail-outbox-rows.js';
import { createTablesOnce } from '../postgres/postgres-tables.js';

/** The claim also reads when each mail was due, to put them back in the order they were due. */
interface ClaimedRow extends ClaimedMailRow {
  next_attempt_at: string;
}

/**
 * The outbox as a table of the PostgreSQL database every application server shares: the servers'
 * senders claim mails from the same table, and never the same mail while its claim runs.
 */
export class PostgresMailOutbox implements MailOutbox {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(pool: pg.Pool): Promise<PostgresMailOutbox> {
    await createTablesOnce(pool, ['mail_outbox'], `
      CREATE TABLE IF NOT EXISTS mail_outbox (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        mail_key        text NOT NULL UNIQUE,
        recipient       text NOT NULL,
        subject         text NOT NULL,
        text_body       text NOT NULL,
        html_body       text NOT NULL,
        created_at      text NOT NULL,
        attempts        integer NOT NULL DEFAULT 0,
        -- Byte order, whatever the database's locale: instants are compared as ISO 8601 strings.
        next_attempt_at text COLLATE "C" NOT NULL,
        claimed_until   text COLLATE "C",
        sent_at         text,
        abandoned_at    text,
        last_error      text
      );
      CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND abandoned_at IS NULL;
      CREATE INDEX IF NOT EXISTS mail_outbox_by_recipient ON mail_outbox (recipient) WHERE sent_at IS NULL;
    `);
    return new PostgresMailOutbox(pool);
  }

  async enqueue(mail: OutgoingMail, now: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO mail_outbox (mail_key, recipient, subject, text_body, html_body, created_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (mail_key) DO NOTHING`,
      [mail.key, mail.to, mail.subject, mail.text, mail.html, now],
    );
    return rowCount === 1;
  }

  /**
   * One statement claims the due rows: `FOR UPDATE SKIP LOCKED` passes over the rows another
   * server is claiming at the same moment, so two senders never claim one mail, and neither waits.
   */
  async claimDue(now: string, claimedUntil: string, limit: number): Promise<ClaimedMail[]> {
    assertClaimEndsAfterStart(now, claimedUntil);
    const { rows } = await this.pool.query<ClaimedRow>(
      `WITH due AS (
         SELECT id FROM mail_outbox
         WHERE sent_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
         ORDER BY next_attempt_at, id LIMIT $3
         FOR UPDATE SKIP LOCKED
       )
       UPDATE mail_outbox SET claimed_until = $2, attempts = mail_outbox.attempts + 1 FROM due WHERE mail_outbox.id = due.id
       RETURNING mail_outbox.id, mail_key, recipient, subject, text_body, html_body, attempts, next_attempt_at`,
      [now, claimedUntil, limit],
    );
    return rows.sort(compareDue).map(claimedMailOf);
  }

  async releaseClaims(ids: readonly number[], claimedUntil: string): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `UPDATE mail_outbox SET claimed_until = NULL, attempts = attempts - 1
       WHERE id = ANY($1::bigint[]) AND claimed_until = $2 AND sent_at IS NULL AND abandoned_at IS NULL`,
      [ids, claimedUntil],
    );
  }

  async markSent(id: number, sentAt: string): Promise<void> {
    await this.pool.query(
      `UPDATE mail_outbox SET sent_at = $1, claimed_until = NULL, last_error = NULL, recipient = '', text_body = '', html_body = ''
       WHERE id = $2 AND sent_at IS NULL`,
      [sentAt, id],
    );
  }

  async scheduleRetry(id: number, error: string, nextAttemptAt: string): Promise<void> {
    await this.pool.query(
      'UPDATE mail_outbox SET last_error = $1, next_attempt_at = $2, claimed_until = NULL WHERE id = $3 AND sent_at IS NULL',
      [shortenedError(error), nextAttemptAt, id],
    );
  }

  async abandon(id: number, error: string, at: string): Promise<void> {
    await this.pool.query(
      'UPDATE mail_outbox SET last_error = $1, abandoned_at = $2, claimed_until = NULL WHERE id = $3 AND sent_at IS NULL',
      [shortenedError(error), at, id],
    );
  }

  async forgetDone(before: string): Promise<number> {
    // Byte order, as the instants are ISO 8601 strings (these two columns were made without COLLATE "C").
    const { rowCount } = await this.pool.query('DELETE FROM mail_outbox WHERE sent_at COLLATE "C" < $1 OR abandoned_at COLLATE "C" < $1', [before]);
    return rowCount ?? 0;
  }

  async forgetRecipient(email: string): Promise<void> {
    await this.pool.query('DELETE FROM mail_outbox WHERE recipient = $1 AND sent_at IS NULL', [email]);
  }

  async stateOf(key: string): Promise<MailState | undefined> {
    const { rows } = await this.pool.query<MailStateRow>(
      'SELECT mail_key, attempts, next_attempt_at, sent_at, abandoned_at, last_error FROM mail_outbox WHERE mail_key = $1',
      [key],
    );
    const row = rows[0];
    return row && mailStateOf(row);
  }
}

/** UPDATE … RETURNING gives rows in no particular order: the oldest due are sent first, as on SQLite. */
function compareDue(left: { next_attempt_at: string; id: number }, right: { next_attempt_at: string; id: number }): number {
  if (left.next_attempt_at !== right.next_attempt_at) return left.next_attempt_at < right.next_attempt_at ? -1 : 1;
  return left.id - right.id;
}
