import { type MailOutbox } from './mail-outbox.js';
import { type MailLogger, type MailTransport } from './mail-transport.js';

export interface MailSenderOptions {
  /** How often the outbox is looked at when nothing wakes the sender (another process may have queued). */
  pollIntervalMs?: number;
  /** How long a claim lasts: a sender that dies holding one leaves its mails to others after this. */
  claimMs?: number;
  /** Mails claimed, then sent one after the other, per pass. */
  batchSize?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 2_000;
/** Longer than a batch can take at the transport's time-outs (`smtpTransport`), so that no claim runs out mid-send. */
const DEFAULT_CLAIM_MS = 15 * 60_000;
const DEFAULT_BATCH_SIZE = 10;
/** The first retry waits this long, each next one twice as long as the one before… */
const FIRST_RETRY_DELAY_MS = 30_000;
/** …up to this: a server down for a day is tried again every hour, and nothing is given up. */
const MAX_RETRY_DELAY_MS = 3_600_000;

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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wokenWhileRunning = false;

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
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks at the outbox now rather than at the next poll (a mail was just queued). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wokenWhileRunning = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.passes().finally(() => {
      this.running = undefined;
      if (!this.stopped) this.timer = setTimeout(() => this.wake(), this.pollIntervalMs);
    });
  }

  /** Stops polling and waits for the mail being sent, if any; the transport is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  private async passes(): Promise<void> {
    do {
      this.wokenWhileRunning = false;
      try {
        while (!this.stopped && (await this.sendDue()) === this.batchSize);
      } catch (error) {
        // The outbox itself could not be read or written: the next poll tries again.
        this.logger.error({ err: error }, 'Mail outbox unavailable');
      }
    } while (this.wokenWhileRunning && !this.stopped);
  }

  /** One pass: claims up to a batch of due mails and tries each once. Resolves to how many it claimed. */
  async sendDue(): Promise<number> {
    const now = this.clock();
    const claimed = await this.outbox.claimDue(now.toISOString(), new Date(now.getTime() + this.claimMs).toISOString(), this.batchSize);
    for (const mail of claimed) {
      try {
        await this.transport.send(mail);
      } catch (error) {
        await this.recordFailure(mail.id, mail.key, mail.attempts, error);
        continue;
      }
      await this.outbox.markSent(mail.id, this.clock().toISOString());
    }
    return claimed.length;
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
