import { type ClaimedMail, type MailState } from './mail-outbox.js';

/**
 * What the SQLite and PostgreSQL outboxes share once their SQL has run: the table's columns are
 * the same on both, so a row becomes a mail or a state the same way. Each store keeps its own SQL.
 */

/** The columns a claim reads back. */
export interface ClaimedMailRow {
  id: number;
  mail_key: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

/** The columns `stateOf` reads. */
export interface MailStateRow {
  mail_key: string;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  abandoned_at: string | null;
  last_error: string | null;
}

/** Errors are kept short: a whole SMTP transcript is no use to an operator. */
const LONGEST_ERROR = 1000;

export function shortenedError(error: string): string {
  return error.slice(0, LONGEST_ERROR);
}

/** A claim that ends before it starts would be no claim at all: that is a bug in the sender. */
export function assertClaimEndsAfterStart(now: string, claimedUntil: string): void {
  if (!(claimedUntil > now)) throw new RangeError(`A claim must end after it starts (${now} → ${claimedUntil})`);
}

export function claimedMailOf(row: ClaimedMailRow): ClaimedMail {
  return {
    id: row.id,
    key: row.mail_key,
    to: row.recipient,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    attempts: row.attempts,
  };
}

export function mailStateOf(row: MailStateRow): MailState {
  return {
    key: row.mail_key,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    abandonedAt: row.abandoned_at,
    lastError: row.last_error,
  };
}
