import { assert } from '../../domain/shared/errors.js';
import { type ClaimedMail, type MailOutbox } from './mail-outbox.js';
import { type MailLogger, type MailTransport } from './mail-transport.js';

export interface MailSenderOptions {
  /** How often the outbox is looked at when nothing wakes the sender (another process may have queued). */
  pollIntervalMs?: number;
  /** How long a claim lasts: a sender that dies holding one leaves its mails to others after this. */
  claimMs?: number;
  /** Mails claimed, then sent one after the other, per pass. */
  batchSize?: number;
  /** How long a stop waits for the mail being handed to the SMTP server. */
  stopGraceMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 2_000;
/** Longer than a batch can take at the transport's time-outs (`smtpTransport`), so that no claim runs out mid-send. */
const DEFAULT_CLAIM_MS = 15 * 60_000;
const DEFAULT_BATCH_SIZE = 10;
/**
 * A mail is handed over in well under a second; a stop waits no longer than this for one, so that
 * an SMTP server that stalls (the transport's time-outs reach 50 s) cannot hold a server's stop
 * past a service manager's patience (`docker stop` kills after 10 s, `SENDING_GRACE_MS` included).
 */
const DEFAULT_STOP_GRACE_MS = 3_000;
/** The first retry waits this long, each next one twice as long as the one before… */
const FIRST_RETRY_DELAY_MS = 30_000;
/** …up to this: a server down for a day is tried again every hour, and nothing is given up. */
const MAX_RETRY_DELAY_MS = 3_600_000;

/** A pass's claim: until when it runs, the mail being handed over, and those not tried yet. */
interface Claim {
  until: string;
  sending: ClaimedMail | undefined;
  untried: ClaimedMail[];
}

/**
 * Sent and abandoned mails are kept this long, then deleted (`MailOutbox.forgetDone`): long enough
 * for an operator to look at what left and what was refused, and for their keys to outlive any
 * replay of their cause (the notice follower reads again at most the batch after its checkpoint;
 * a link's mail is queued as the link is made). Without it the outbox grew by every mail ever sent.
 */
export const KEEP_DONE_MAILS_MS = 30 * 24 * 3_600_000;
/** How often a sender deletes them: the first pass of a process, then once an hour at most. */
const FORGET_DONE_EVERY_MS = 3_600_000;

/** The wait after the `attempts`-th failed attempt. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

/**
 * Sends the outbox's mails: claims the due ones, hands each to the transport, and marks it sent
 * or schedules its next attempt. Every server process runs one; their claims keep them from
 * sending the same mail at once.
 *
 * Delivery is at least once, and cannot be better at the SMTP boundary: a sender that dies (or
 * loses its connection) after the server accepted a mail but before `markSent` committed leaves
 * the mail claimed but not confirmed, and the next sender sends it again once the claim runs
 * out. Such a copy carries the same Message-ID as the first (`messageIdFor`), so that it is
 * recognisable as the same mail. What cannot happen is a mail never sent, or two mails for one
 * cause: the outbox's keys see to that.
 */
export class MailSender {
  private readonly pollIntervalMs: number;
  private readonly claimMs: number;
  private readonly batchSize: number;
  private readonly stopGraceMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Before `start`, passes run only when called (`sendDue`); once stopped, none tries a further mail. */
  private state: 'not started' | 'started' | 'stopped' = 'not started';
  private wokenWhileRunning = false;
  private claim: Claim | undefined;
  /** When, by the clock, this sender last deleted the mails done long ago. */
  private doneForgottenAtMs: number | undefined;

  constructor(
    private readonly outbox: MailOutbox,
    private readonly transport: MailTransport,
    private readonly clock: () => Date,
    private readonly logger: MailLogger,
    options: MailSenderOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.claimMs = options.claimMs ?? DEFAULT_CLAIM_MS;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.stopGraceMs = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
  }

  start(): void {
    assert(this.state === 'not started', 'a mail sender is started once');
    this.state = 'started';
    this.wake();
  }

  /** Looks at the outbox now rather than at the next poll (a mail was just queued). */
  wake(): void {
    if (this.state !== 'started') return;
    if (this.running) {
      this.wokenWhileRunning = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.passes().finally(() => {
      this.running = undefined;
      if (this.state === 'started') this.timer = setTimeout(() => this.wake(), this.pollIntervalMs);
    });
  }

  /**
   * Stops polling and sending: the mails the pass claimed and has not tried are given back to the
   * outbox at once, due for the next sender, rather than left claimed for `claimMs`. The mail
   * being handed over is waited for up to `stopGraceMs`; after that it stays claimed (the SMTP
   * server may still accept it before the process ends), and is sent again once its claim runs
   * out if it was not (at least once, as `MailSender` says). The transport is closed.
   */
  async stop(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.timer);
    if (!(await this.passEndsWithin(this.stopGraceMs)) && this.claim) {
      const { sending, until } = this.claim;
      this.logger.warn(
        { mailKey: sending?.key, claimedUntil: until },
        'Mail still being handed to the SMTP server as the sender stops: sent again once its claim runs out, unless the server accepted it',
      );
      await this.giveBackUntried(this.claim);
    }
    this.transport.close();
  }

  private async passEndsWithin(ms: number): Promise<boolean> {
    if (!this.running) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    try {
      return await Promise.race([this.running.then(() => true), timeUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async passes(): Promise<void> {
    do {
      this.wokenWhileRunning = false;
      try {
        while (this.state === 'started' && (await this.sendDue()) === this.batchSize);
      } catch (error) {
        // The outbox itself could not be read or written: the next poll tries again.
        this.logger.error({ err: error }, 'Mail outbox unavailable');
      }
    } while (this.wokenWhileRunning && this.state === 'started');
  }

  /**
   * One pass: claims up to a batch of due mails and tries each once, unless the sender stops
   * meanwhile (the rest are given back). Resolves to how many it claimed.
   */
  async sendDue(): Promise<number> {
    const now = this.clock();
    await this.forgetDoneMails(now);
    const until = new Date(now.getTime() + this.claimMs).toISOString();
    const claimed = await this.outbox.claimDue(now.toISOString(), until, this.batchSize);
    const claim: Claim = { until, untried: [...claimed], sending: undefined };
    this.claim = claim;
    try {
      for (let mail = this.nextToTry(claim); mail; mail = this.nextToTry(claim)) {
        claim.sending = mail;
        await this.tryOnce(mail);
        claim.sending = undefined;
      }
      await this.giveBackUntried(claim);
    } finally {
      this.claim = undefined;
    }
    return claimed.length;
  }

  private async forgetDoneMails(now: Date): Promise<void> {
    if (this.doneForgottenAtMs !== undefined && now.getTime() - this.doneForgottenAtMs < FORGET_DONE_EVERY_MS) return;
    this.doneForgottenAtMs = now.getTime();
    const forgotten = await this.outbox.forgetDone(new Date(now.getTime() - KEEP_DONE_MAILS_MS).toISOString());
    if (forgotten > 0) this.logger.info({ forgotten }, 'Mails sent or refused more than 30 days ago deleted from the outbox');
  }

  private nextToTry(claim: Claim): ClaimedMail | undefined {
    return this.state === 'stopped' ? undefined : claim.untried.shift();
  }

  private async tryOnce(mail: ClaimedMail): Promise<void> {
    try {
      await this.transport.send(mail);
    } catch (error) {
      await this.recordFailure(mail.id, mail.key, mail.attempts, error);
      return;
    }
    await this.outbox.markSent(mail.id, this.clock().toISOString());
  }

  /** Gives the outbox back a claim's mails not tried yet: the pass and a stop may both call it, and only one finds them. */
  private async giveBackUntried(claim: Claim): Promise<void> {
    const untried = claim.untried.splice(0);
    if (untried.length > 0) await this.outbox.releaseClaims(untried.map((mail) => mail.id), claim.until);
  }

  private async recordFailure(id: number, key: string, attempts: number, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const at = this.clock();
    if (isPermanentRefusal(error)) {
      this.logger.error({ mailKey: key, attempts, reason }, 'Mail refused for good by the SMTP server: not tried again');
      await this.outbox.abandon(id, reason, at.toISOString());
      return;
    }
    const nextAttemptAt = new Date(at.getTime() + retryDelayMs(attempts)).toISOString();
    this.logger.warn({ mailKey: key, attempts, reason, nextAttemptAt }, 'Mail not sent: tried again later');
    await this.outbox.scheduleRetry(id, reason, nextAttemptAt);
  }
}

/**
 * An SMTP answer in the 500s (unknown recipient, message refused) will not change by trying
 * again; anything else (no connection, a 4xx answer, a timeout) may.
 */
function isPermanentRefusal(error: unknown): boolean {
  const responseCode = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}
