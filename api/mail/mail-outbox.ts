/**
 * The mails Mutua has to send, kept until an SMTP server has accepted them. A mail is a row
 * written before anyone tries to send it: a server that is down, or a process that dies, delays
 * a mail but never loses it. Each mail has a key naming what caused it (the ledger event's id,
 * the one-time link's hash): a second mail with a key already queued is not queued, so a replay
 * of the cause never mails twice.
 */

export interface OutgoingMail {
  /** What caused the mail, unique in the outbox, e.g. `invitation:<link hash>` or `notice:<event id>:<user id>`. */
  key: string;
  /** The recipient's address. */
  to: string;
  subject: string;
  /** Plain text, the part every mail reader shows. */
  text: string;
  /** The same in simple HTML, every interpolated value escaped. */
  html: string;
}

/** A mail claimed for sending: its row's id and how many times it was claimed, this time included. */
export interface ClaimedMail extends OutgoingMail {
  id: number;
  attempts: number;
}

/** Where a mail stands, for operators and tests. */
export interface MailState {
  key: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
  /** Set when the SMTP server refused the mail for good (a 5xx answer): it is not tried again. */
  abandonedAt: string | null;
  lastError: string | null;
}

/** Instants are ISO 8601 strings from the injected clock; the outbox never reads a clock itself. */
export interface MailOutbox {
  /** Queues the mail, due at once, unless a mail with its key was queued before: true when queued now. */
  enqueue(mail: OutgoingMail, now: string): Promise<boolean>;
  /**
   * Claims up to `limit` mails due at `now` and not claimed by anyone (or whose claim ran out),
   * oldest first, until `claimedUntil`: a sender that dies with a claim leaves the mail to the
   * next sender once the claim runs out. Each claim counts as an attempt.
   */
  claimDue(now: string, claimedUntil: string, limit: number): Promise<ClaimedMail[]>;
  /**
   * A sender that stops gives back the mails it claimed until `claimedUntil` and did not try: they
   * are due again at once for any sender, and the claim no longer counts as an attempt. A claim
   * that has since run out, and been taken by another sender, is left to that sender.
   */
  releaseClaims(ids: readonly number[], claimedUntil: string): Promise<void>;
  /** The SMTP server accepted the mail: it is done, and its recipient and bodies are forgotten. */
  markSent(id: number, sentAt: string): Promise<void>;
  /** The attempt failed for a reason that may pass (server down, 4xx answer): tried again from `nextAttemptAt`. */
  scheduleRetry(id: number, error: string, nextAttemptAt: string): Promise<void>;
  /** The server refused the mail for good (5xx answer): kept, with the reason, and not tried again. */
  abandon(id: number, error: string, at: string): Promise<void>;
  /**
   * Deletes the mails sent or abandoned before `before`, and resolves to how many: the outbox
   * keeps what is still to send, not every mail ever sent. Mails waiting, retried or claimed stay.
   */
  forgetDone(before: string): Promise<number>;
  /** Erasing a person: their mails not sent yet are deleted (sent ones hold no address any more). */
  forgetRecipient(email: string): Promise<void>;
  /** Undefined for a key never queued. */
  stateOf(key: string): Promise<MailState | undefined>;
}
