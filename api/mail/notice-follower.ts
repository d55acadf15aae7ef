import { type EventStore } from '../../eventstore/event-store.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { type IdentityStore, type UserRecord } from '../identity/identity-store.js';
import { type MailOutbox } from './mail-outbox.js';
import { type MailLogger } from './mail-transport.js';
import { type NoticeAudience, noticeFor } from './notices.js';
import { type NoticeStore } from './notice-store.js';

/** Events read from the log per pass. */
const BATCH_SIZE = 200;
const POLL_INTERVAL_MS = 1_000;

/**
 * Follows the ledger's log and queues the notices its events call for. A notice's key is
 * `notice:<event id>:<user id>`: a pass repeated after a crash (the checkpoint is saved after the
 * mails are queued) or by two processes at once queues nothing twice, and an event is never
 * skipped. It reads only as far as the read models have folded, whose names the mails use.
 *
 * A store followed for the first time starts at its end: a pôle upgrading to this release is not
 * mailed its whole history.
 */
export class NoticeFollower {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'headPosition'>,
    private readonly readModels: Pick<ReadModelsView, 'db' | 'currentPosition'>,
    private readonly identity: IdentityStore,
    private readonly outbox: MailOutbox,
    private readonly notices: NoticeStore,
    private readonly clock: () => Date,
    private readonly baseUrl: string,
    private readonly logger: MailLogger,
    private readonly onMailQueued: () => void = () => undefined,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.followOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'Notices not queued (tried again in a second)'))
        .then(() => undefined)
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(POLL_INTERVAL_MS);
        });
    }, delayMs);
  }

  /** One pass: queues the notices of the next events the read models have folded. Resolves to how many events it read. */
  async followOnce(): Promise<number> {
    const checkpoint = await this.notices.checkpoint();
    if (checkpoint === null) {
      await this.notices.saveCheckpoint(await this.store.headPosition());
      return 0;
    }
    const foldedUpTo = this.readModels.currentPosition;
    const events = (await this.store.readAll({ afterPosition: checkpoint, maxCount: BATCH_SIZE })).filter((event) => event.position <= foldedUpTo);
    let queued = 0;
    // The accounts are listed once per pass, when a first event calls for a notice: on KurrentDB a
    // list is one read per account, and a pass reads up to 200 events.
    let accounts: Promise<UserRecord[]> | undefined;
    const listAccounts = () => (accounts ??= this.identity.listUsers());
    for (const event of events) {
      const notice = await noticeFor(event, this.readModels.db, this.baseUrl);
      if (!notice) continue;
      for (const user of await this.recipients(await listAccounts(), notice.audiences, event.metadata.actorUserId)) {
        const key = `notice:${event.id}:${user.userId}`;
        if (await this.outbox.enqueue({ key, to: user.email, ...notice.content }, this.clock().toISOString())) queued += 1;
      }
    }
    if (events.length > 0) await this.notices.saveCheckpoint(events.at(-1)!.position);
    if (queued > 0) this.onMailQueued();
    return events.length;
  }

  /** The enabled accounts of the audiences, each once, without the one who acted nor those who turned notices off. */
  private async recipients(accounts: readonly UserRecord[], audiences: readonly NoticeAudience[], actorUserId: string): Promise<UserRecord[]> {
    const users = accounts.filter((user) =>
      user.disabledAt === null && user.userId !== actorUserId && audiences.some((audience) => isIn(user, audience)));
    const off = await this.notices.usersWithNoticesOff(users.map((user) => user.userId));
    return users.filter((user) => !off.has(user.userId));
  }
}

function isIn(user: UserRecord, audience: NoticeAudience): boolean {
  if (audience.kind === 'coordinators') return user.role === 'COORDINATOR';
  if (audience.kind === 'all-members') return user.role === 'MEMBER';
  return user.role === 'MEMBER' && user.memberId === audience.memberId;
}
