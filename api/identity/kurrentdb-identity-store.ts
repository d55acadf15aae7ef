import { createHash, randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  MAX_READ_COUNT,
  type RecordedEvent,
} from '../../eventstore/event-store.js';
import {
  EmailTakenError,
  IDENTITY_STREAM_PREFIX,
  type IdentityStore,
  normaliseEmail,
  type SessionRecord,
  type UserRecord,
} from './identity-store.js';

/**
 * Streams, all outside the ledger (see `isIdentityStream`). Personal data sits only in the first
 * two, one pair per person, so that erasing a person deletes exactly those:
 *
 * - `identity-email-<sha256 of the address>`: `EmailClaimed`, the whole new account. Appended with
 *   `no_stream`, it is what makes an address unique and it decides which account gets it.
 * - `identity-user-<userId>`: `UserCreated`, the account, copied from its claim.
 * - `identity-users`: `UserListed`, one user id per account, for listing and counting.
 * - `identity-session-<tokenHash>`: `SessionStarted`, then at most one `SessionRevoked`.
 */
const USERS_INDEX_STREAM = `${IDENTITY_STREAM_PREFIX}users`;
const userStreamId = (userId: string) => `${IDENTITY_STREAM_PREFIX}user-${userId}`;
const emailStreamId = (email: string) => `${IDENTITY_STREAM_PREFIX}email-${sha256(normaliseEmail(email))}`;
const sessionStreamId = (tokenHash: string) => `${IDENTITY_STREAM_PREFIX}session-${tokenHash}`;

/** 100 pages of 10,000: a million accounts, far beyond a cooperative, before listing fails loudly. */
const MAX_INDEX_PAGES = 100;
/** Accounts read at once while listing: enough to hide latency without flooding the server. */
const USER_READS_IN_PARALLEL = 16;
/** An account's stream: its creation, then every disabling, enabling and "sign out everywhere". */
const MAX_ACCOUNT_EVENTS = 10_000;

type SessionStarted = Omit<SessionRecord, 'revokedAt'>;

/**
 * Users and sessions on KurrentDB, through the same EventStore (and connection) as the ledger.
 *
 * Every read goes to the server, with no cache, so every process sees the others' accounts and
 * sessions (and a revoked session is revoked everywhere at once).
 *
 * Creating an account takes three appends that KurrentDB cannot make atomic: the claim of the
 * address, the account stream, the index entry. The claim is the commit point: it carries the
 * whole account, and the two later appends are derived from it with event ids derived from their
 * content, so that anyone may (re)write them and every writer converges on the same events. A
 * creator that dies after claiming leaves the address reserved but unusable (no login, no listing)
 * until the next attempt to create an account with that address: that attempt finishes the first
 * account, then fails with EmailTakenError. We complete rather than treat the claim as taken
 * forever because the creator cannot tell the difference between a crash and a lost answer, and
 * a claim nobody could ever release would lock the address for good; we do not let the newcomer
 * take over because the first creator may be alive and still writing.
 */
export class KurrentDbIdentityStore implements IdentityStore {
  constructor(private readonly store: EventStore) {}

  async countUsers(): Promise<number> {
    return (await this.listedUserIds()).length;
  }

  async createUser(user: UserRecord): Promise<void> {
    const requested = canonicalUser({ ...user, email: normaliseEmail(user.email) });
    const metadata = newMetadata();
    const holder = await this.claimEmail(requested, metadata);
    // Finished whoever holds the claim: its creator may have died between the claim and now.
    await this.completeAccount(holder, metadata);
    if (holder.userId !== requested.userId) throw new EmailTakenError();
  }

  async findUserByEmail(email: string): Promise<UserRecord | undefined> {
    const holder = await this.readClaim(emailStreamId(email));
    if (!holder) return undefined;
    // The account stream, not the claim, makes a user: an unfinished claim lets nobody log in.
    const user = await this.findUserById(holder.userId);
    return user?.email === normaliseEmail(email) ? user : undefined;
  }

  async findUserById(userId: string): Promise<UserRecord | undefined> {
    return userFrom(await this.store.readStream(userStreamId(userId), { maxCount: MAX_ACCOUNT_EVENTS }));
  }

  async setDisabled(userId: string, disabledAt: string | null): Promise<void> {
    await this.appendToAccount(userId, disabledAt === null ? 'UserEnabled' : 'UserDisabled', { at: disabledAt });
  }

  async revokeSessionsOf(userId: string, at: string): Promise<void> {
    await this.appendToAccount(userId, 'SessionsRevoked', { at });
  }

  async eraseUser(userId: string, erasedAt: string): Promise<void> {
    void erasedAt;
    throw new Error(`Erasing ${userId} on KurrentDB is not implemented yet`);
  }

  private async appendToAccount(userId: string, type: string, data: { at: string | null }): Promise<void> {
    const event = { id: randomUUID(), type, data, metadata: newMetadata() };
    await this.store.appendToStream(userStreamId(userId), [event], { expectedRevision: 'stream_exists' });
  }

  async listUsers(): Promise<UserRecord[]> {
    const userIds = await this.listedUserIds();
    const users: UserRecord[] = [];
    for (let start = 0; start < userIds.length; start += USER_READS_IN_PARALLEL) {
      const batch = userIds.slice(start, start + USER_READS_IN_PARALLEL);
      for (const user of await Promise.all(batch.map((userId) => this.findUserById(userId)))) {
        if (user) users.push(user);
      }
    }
    return users.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  }

  async createSession(session: SessionRecord): Promise<void> {
    const streamId = sessionStreamId(session.tokenHash);
    const { tokenHash, userId, createdAt, expiresAt, revokedAt } = session;
    const started: SessionStarted = { tokenHash, userId, createdAt, expiresAt };
    const metadata = newMetadata();
    const events = [identityEvent(streamId, 'SessionStarted', started, metadata)];
    if (revokedAt !== null) events.push(identityEvent(streamId, 'SessionRevoked', { revokedAt }, metadata));
    await this.store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const events = await this.store.readStream(sessionStreamId(tokenHash), { maxCount: 2 });
    return sessionFrom(events);
  }

  async revokeSession(tokenHash: string, revokedAt: string): Promise<void> {
    const streamId = sessionStreamId(tokenHash);
    const revoked = identityEvent(streamId, 'SessionRevoked', { revokedAt }, newMetadata());
    try {
      // Expecting the SessionStarted alone (revision 0) lets only the first revocation in, and
      // creates no stream for an unknown session.
      await this.store.appendToStream(streamId, [revoked], { expectedRevision: 0 });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }

  /** The account that holds the address: the requested one, or the one that claimed it first. */
  private async claimEmail(user: UserRecord, metadata: EventMetadata): Promise<UserRecord> {
    const streamId = emailStreamId(user.email);
    try {
      // A retry of the same claim carries the same event id: KurrentDB acknowledges it again.
      await this.store.appendToStream(streamId, [identityEvent(streamId, 'EmailClaimed', { user }, metadata)], {
        expectedRevision: 'no_stream',
      });
      return user;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const holder = await this.readClaim(streamId);
      if (!holder) throw error;
      return holder;
    }
  }

  /** Writes the account and its index entry from the claim; idempotent, so anyone may finish it. */
  private async completeAccount(user: UserRecord, metadata: EventMetadata): Promise<void> {
    const streamId = userStreamId(user.userId);
    try {
      await this.store.appendToStream(streamId, [identityEvent(streamId, 'UserCreated', { user }, metadata)], {
        expectedRevision: 'no_stream',
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const existing = await this.findUserById(user.userId);
      // User ids are random UUIDs: one already taken by another address is a bug, not a race.
      if (existing?.email !== user.email) throw new Error(`User id ${user.userId} already belongs to another account`);
    }
    // KurrentDB recognises a repeated entry by its event id only on a best-effort basis with
    // `any`, hence the duplicates that `listedUserIds` drops.
    const listed = identityEvent(USERS_INDEX_STREAM, 'UserListed', { userId: user.userId }, metadata);
    await this.store.appendToStream(USERS_INDEX_STREAM, [listed], { expectedRevision: 'any' });
  }

  private async readClaim(streamId: string): Promise<UserRecord | undefined> {
    const [claim] = await this.store.readStream(streamId, { maxCount: 1 });
    return claim && { ...accountFrom(claim, 'EmailClaimed'), disabledAt: null, sessionsValidFrom: null, erasedAt: null };
  }

  /** Ids in the order they were listed, each once. */
  private async listedUserIds(): Promise<string[]> {
    const userIds = new Set<string>();
    let fromRevision = 0;
    for (let page = 0; page < MAX_INDEX_PAGES; page += 1) {
      const events = await this.store.readStream(USERS_INDEX_STREAM, { fromRevision, maxCount: MAX_READ_COUNT });
      for (const event of events) userIds.add(dataOf<{ userId: string }>(event, 'UserListed').userId);
      if (events.length < MAX_READ_COUNT) return [...userIds];
      fromRevision = events.at(-1)!.revision + 1;
    }
    throw new RangeError(`The users index holds more than ${MAX_INDEX_PAGES * MAX_READ_COUNT} entries`);
  }
}

/**
 * The port does not say who acts, and these events are no audit trail: they are erased with the
 * person. The metadata only satisfies the event store, and links the appends of one call.
 */
function newMetadata(): EventMetadata {
  return { correlationId: randomUUID(), actorUserId: 'system', actorRole: 'system' };
}

/**
 * The event id is derived from the stream, type and data: writing the same event again, after a
 * lost answer or on behalf of a creator that died, is then recognised by KurrentDB as a retry.
 */
function identityEvent(streamId: string, type: string, data: object, metadata: EventMetadata): EventToAppend {
  return { id: uuidFrom(sha256(JSON.stringify([streamId, type, data]))), type, data, metadata };
}

/** Shaped as an RFC 9562 version 8 (custom) UUID: KurrentDB accepts nothing else as an event id. */
function uuidFrom(hex: string): string {
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What an account is created with; whether it is disabled, or its sessions closed, comes from later events. */
type AccountFields = Omit<UserRecord, 'disabledAt' | 'sessionsValidFrom' | 'erasedAt'>;

/** Always the same fields in the same order, so that the same account serialises, and hashes, the same. */
function canonicalUser(user: AccountFields): AccountFields {
  const { userId, email, passwordHash, role, memberId, createdAt } = user;
  return { userId, email, passwordHash, role, memberId, createdAt };
}

function accountFrom(event: RecordedEvent, type: 'EmailClaimed' | 'UserCreated'): AccountFields {
  return canonicalUser(dataOf<{ user: AccountFields }>(event, type).user);
}

/** The account as its stream tells it: created, then disabled or enabled, its sessions closed. */
function userFrom(events: readonly RecordedEvent[]): UserRecord | undefined {
  const [created, ...later] = events;
  if (!created) return undefined;
  const user: UserRecord = { ...accountFrom(created, 'UserCreated'), disabledAt: null, sessionsValidFrom: null, erasedAt: null };
  for (const event of later) {
    const { at } = event.data as { at: string | null };
    if (event.type === 'UserDisabled') user.disabledAt = at;
    else if (event.type === 'UserEnabled') user.disabledAt = null;
    else if (event.type === 'SessionsRevoked') user.sessionsValidFrom = at;
    else dataOf(event, 'UserDisabled | UserEnabled | SessionsRevoked');
  }
  return user;
}

function sessionFrom(events: readonly RecordedEvent[]): SessionRecord | undefined {
  const [started, revoked] = events;
  if (!started) return undefined;
  const session = dataOf<SessionStarted>(started, 'SessionStarted');
  const revokedAt = revoked ? dataOf<{ revokedAt: string }>(revoked, 'SessionRevoked').revokedAt : null;
  return { ...session, revokedAt };
}

/** Only this store writes `identity-` streams; anything else found there is a bug, not input. */
function dataOf<Data>(event: RecordedEvent, type: string): Data {
  if (event.type !== type || typeof event.data !== 'object' || event.data === null) {
    throw new Error(`Expected ${type} in ${event.streamId} at revision ${event.revision}, found ${event.type}`);
  }
  return event.data as Data;
}
