import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  type EventMetadata,
  type EventStore,
  readStreamToEnd,
  type RecordedEvent,
} from '../../eventstore/event-store.js';
import { type StreamEraser, StreamTombstonedError } from '../../eventstore/kurrentdb/stream-eraser.js';
import {
  EmailTakenError,
  IDENTITY_STREAM_PREFIX,
  type IdentityStore,
  isActiveCoordinator,
  normaliseEmail,
  type OneTimeLinkLimit,
  type OneTimeLinkRecord,
  type SessionRecord,
  type UserRecord,
} from './identity-store.js';
import { type Role } from '../../shared/enums.js';
import { CoordinatorRoster } from './kurrentdb-coordinator-roster.js';
import {
  type AccountFields, accountFrom, canonicalUser, dataOf, identityEvent, newMetadata, type SessionStarted, sessionFrom, sha256, userFrom,
} from './kurrentdb-identity-events.js';
import { KurrentDbOneTimeLinks } from './kurrentdb-one-time-links.js';

/**
 * Streams, all outside the ledger (see `isIdentityStream`). Personal data sits only in the first
 * two, one pair per person, so that erasing a person tombstones exactly those:
 *
 * - `identity-email-<sha256 of the address>`: `EmailClaimed`, the whole new account. Appended with
 *   `no_stream`, it is what makes an address unique and it decides which account gets it. Erasing
 *   the account tombstones its claim, and a tombstoned stream can never be written again: the next
 *   account with that address claims it in `identity-email-<sha256>-1`, then `-2`, and so on (the
 *   claim's generation). Generation 0 keeps the name claims had before erasure existed.
 * - `identity-user-<userId>`: `UserCreated`, the account, copied from its claim; then
 *   `UserDisabled`, `UserEnabled`, `SessionsRevoked`, `PasswordChanged` (the new hash) and
 *   `RoleChanged` (the role and member structure).
 * - `identity-coordinators`: the active coordinators' ids (see `CoordinatorRoster`).
 * - `identity-users`: `UserListed`, one user id per account, for listing and counting.
 * - `identity-sessions-of-<userId>`: `SessionListed`, the token hash of each session the user
 *   opened, so that erasing the user ends them all.
 * - `identity-session-<tokenHash>`: `SessionStarted`, then at most one `SessionRevoked`.
 * - `identity-secret-<name>`: `SecretChosen`, once (see `sharedSecret`).
 * - `identity-link-<tokenHash>` and `identity-links-of-<userId>-<purpose>`: invitations and
 *   password resets (see `KurrentDbOneTimeLinks`). No personal data: the person is named by id.
 */
/** Every account ever created, erased ones included (the calendar feeds' upgrade walks it too). */
export const USERS_INDEX_STREAM = `${IDENTITY_STREAM_PREFIX}users`;
const userStreamId = (userId: string) => `${IDENTITY_STREAM_PREFIX}user-${userId}`;
const sessionListStreamId = (userId: string) => `${IDENTITY_STREAM_PREFIX}sessions-of-${userId}`;
const sessionStreamId = (tokenHash: string) => `${IDENTITY_STREAM_PREFIX}session-${tokenHash}`;
const secretStreamId = (name: string) => `${IDENTITY_STREAM_PREFIX}secret-${name}`;
const emailStreamId = (email: string, generation: number) => {
  const streamId = `${IDENTITY_STREAM_PREFIX}email-${sha256(normaliseEmail(email))}`;
  return generation === 0 ? streamId : `${streamId}-${generation}`;
};

/** 100 pages of 10,000: a million accounts, far beyond a cooperative, before listing fails loudly. */
const MAX_INDEX_PAGES = 100;
/** Calls made at once while listing or erasing: enough to hide latency without flooding the server. */
const SERVER_CALLS_IN_PARALLEL = 16;
/** An account's stream: its creation, then every disabling, enabling, "sign out everywhere" and change of password. */
const MAX_ACCOUNT_EVENTS = 10_000;
/** One address given to a new account after each erasure, a hundred times: beyond, claiming it fails loudly. */
const MAX_CLAIM_GENERATIONS = 100;
/** Each new attempt follows an erasure of the address's holder between reading its claim and claiming it. */
const MAX_CLAIM_ATTEMPTS = 3;

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
 *
 * Erasing a person tombstones (through `eraser`, as the EventStore port cannot delete) their
 * sessions, their claim of their address and their account stream, in that order; see `eraseUser`.
 */
export class KurrentDbIdentityStore implements IdentityStore {
  private readonly roster: CoordinatorRoster;
  private readonly oneTimeLinks: KurrentDbOneTimeLinks;

  constructor(
    private readonly store: EventStore,
    private readonly eraser: StreamEraser,
  ) {
    this.roster = new CoordinatorRoster(store, async () => (await this.listUsers()).filter(isActiveCoordinator).map((user) => user.userId));
    this.oneTimeLinks = new KurrentDbOneTimeLinks(store);
  }

  /** Other nodes' writes cannot be seen without a read: authentication asks every time. */
  changeMarker(): null {
    return null;
  }

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
    if (requested.role === 'COORDINATOR') await this.enterRoster(requested.userId);
  }

  async findUserByEmail(email: string): Promise<UserRecord | undefined> {
    const { holder } = await this.currentClaim(email);
    if (!holder) return undefined;
    // The account stream, not the claim, makes a user: an unfinished claim lets nobody log in.
    const user = await this.findUserById(holder.userId);
    return user?.email === normaliseEmail(email) ? user : undefined;
  }

  async findUserById(userId: string): Promise<UserRecord | undefined> {
    return userFrom(await this.store.readStream(userStreamId(userId), { maxCount: MAX_ACCOUNT_EVENTS }));
  }

  /**
   * Deletes none: each session is a stream of its own, listed in its user's `identity-sessions-of-`
   * stream, and the event store's port can neither find the ended ones without reading every
   * user's list nor delete one but by tombstoning it. They go with their person's erasure.
   */
  forgetSessionsEndedBefore(): Promise<number> {
    return Promise.resolve(0);
  }

  /** The roster is left before the account is disabled, and entered after it is enabled (see `CoordinatorRoster`). */
  async setDisabled(userId: string, disabledAt: string | null): Promise<void> {
    if (disabledAt !== null) {
      await this.roster.remove(userId, { keepOne: true });
      await this.appendToAccount(userId, 'UserDisabled', { at: disabledAt });
    } else if (await this.appendToAccount(userId, 'UserEnabled', { at: null })) {
      await this.enterRoster(userId);
    }
  }

  async changeRole(userId: string, role: Role, memberId: string | null): Promise<void> {
    if (role !== 'COORDINATOR') await this.roster.remove(userId, { keepOne: true });
    if (await this.appendToAccount(userId, 'RoleChanged', { role, memberId })) await this.enterRoster(userId);
  }

  /** Lists the account among the active coordinators when its stream says it is one. */
  private async enterRoster(userId: string): Promise<void> {
    const isListable = async () => {
      const user = await this.findUserById(userId);
      return user !== undefined && isActiveCoordinator(user);
    };
    if (await isListable()) await this.roster.add(userId, isListable);
  }

  async revokeSessionsOf(userId: string, at: string): Promise<void> {
    await this.appendToAccount(userId, 'SessionsRevoked', { at });
  }

  /**
   * The new hash first, then the other sessions one by one: a failure between the two leaves the
   * password changed and sessions open, which the person closes by calling again (or with
   * `revokeAllSessions`), never the reverse.
   */
  async changePassword(userId: string, passwordHash: string, keptTokenHash: string, at: string): Promise<void> {
    if (!(await this.appendToAccount(userId, 'PasswordChanged', { at, passwordHash }))) return;
    const listed = await this.readPaged(sessionListStreamId(userId));
    const others = [...new Set(listed.map((event) => dataOf<{ tokenHash: string }>(event, 'SessionListed').tokenHash))]
      .filter((tokenHash) => tokenHash !== keptTokenHash);
    for (let start = 0; start < others.length; start += SERVER_CALLS_IN_PARALLEL) {
      await Promise.all(others.slice(start, start + SERVER_CALLS_IN_PARALLEL).map((tokenHash) => this.revokeSession(tokenHash, at)));
    }
  }

  /**
   * Tombstones the person's sessions, then their claim of their address (which frees the address
   * for a new account), then their account stream. The account goes last because it is what a
   * retry starts from: an erasure cut short (a crash, a lost connection) leaves the account
   * findable, with its address or not, and the next call finishes it; once the account is gone,
   * a call does nothing. The erasure's time is not kept: nothing of the person is left to date.
   */
  async eraseUser(userId: string): Promise<void> {
    const user = await this.findUserById(userId);
    if (!user) return;
    await this.roster.remove(userId, { keepOne: false });
    await this.endSessionsOf(userId);
    const { streamId, holder } = await this.currentClaim(user.email);
    // Once this claim is tombstoned, the address's current claim is the next generation's, which
    // may already belong to a new account: it is not this person's to erase.
    if (holder?.userId === userId) await this.eraser.tombstoneStream(streamId);
    await this.eraser.tombstoneStream(userStreamId(userId));
  }

  async sharedSecret(name: string, candidate: string): Promise<string> {
    const streamId = secretStreamId(name);
    try {
      await this.store.appendToStream(streamId, [identityEvent(streamId, 'SecretChosen', { secret: candidate }, newMetadata())], { expectedRevision: 'no_stream' });
    } catch (error) {
      // Another process chose first: its secret is the one everybody uses.
      if (!(error instanceof ConcurrencyError)) throw error;
    }
    const [chosen] = await this.store.readStream(streamId, { maxCount: 1 });
    return dataOf<{ secret: string }>(chosen!, 'SecretChosen').secret;
  }

  issueOneTimeLink(link: OneTimeLinkRecord): Promise<void> {
    return this.oneTimeLinks.issue(link);
  }

  issueOneTimeLinkWithin(link: OneTimeLinkRecord, limit: OneTimeLinkLimit): Promise<boolean> {
    return this.oneTimeLinks.issueWithin(link, limit);
  }

  findOneTimeLink(tokenHash: string): Promise<OneTimeLinkRecord | undefined> {
    return this.oneTimeLinks.find(tokenHash);
  }

  useOneTimeLink(tokenHash: string, usedAt: string): Promise<boolean> {
    return this.oneTimeLinks.use(tokenHash, usedAt);
  }

  /** False when there is no such account. */
  private async appendToAccount(userId: string, type: string, data: object): Promise<boolean> {
    const event = { id: randomUUID(), type, data, metadata: newMetadata() };
    try {
      await this.store.appendToStream(userStreamId(userId), [event], { expectedRevision: 'stream_exists' });
      return true;
    } catch (error) {
      // No account, never created or erased: nothing to disable or sign out, as on SQLite.
      if (error instanceof ConcurrencyError || error instanceof StreamTombstonedError) return false;
      throw error;
    }
  }

  /**
   * A session listed after the list was read here (a sign-in racing the erasure) stays, but its
   * user is gone a moment later, and with it any use of the session.
   */
  private async endSessionsOf(userId: string): Promise<void> {
    const listStreamId = sessionListStreamId(userId);
    const listed = await this.readPaged(listStreamId);
    const tokenHashes = listed.map((event) => dataOf<{ tokenHash: string }>(event, 'SessionListed').tokenHash);
    for (let start = 0; start < tokenHashes.length; start += SERVER_CALLS_IN_PARALLEL) {
      const batch = tokenHashes.slice(start, start + SERVER_CALLS_IN_PARALLEL);
      await Promise.all(batch.map((tokenHash) => this.eraser.tombstoneStream(sessionStreamId(tokenHash))));
    }
    await this.eraser.tombstoneStream(listStreamId);
  }

  async listUsers(): Promise<UserRecord[]> {
    const userIds = await this.listedUserIds();
    const users: UserRecord[] = [];
    for (let start = 0; start < userIds.length; start += SERVER_CALLS_IN_PARALLEL) {
      const batch = userIds.slice(start, start + SERVER_CALLS_IN_PARALLEL);
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
    // Listed before it exists, so that an erasure of the user finds every session that may exist.
    const listStreamId = sessionListStreamId(userId);
    const listed = identityEvent(listStreamId, 'SessionListed', { tokenHash }, metadata);
    await this.store.appendToStream(listStreamId, [listed], { expectedRevision: 'any' });
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
      // creates no stream for an unknown session. An erased person's sessions are gone for good.
      await this.store.appendToStream(streamId, [revoked], { expectedRevision: 0 });
    } catch (error) {
      if (!(error instanceof ConcurrencyError || error instanceof StreamTombstonedError)) throw error;
    }
  }

  /** The account that holds the address: the requested one, or the one that claimed it first. */
  private async claimEmail(user: AccountFields, metadata: EventMetadata): Promise<AccountFields> {
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      // A retry of the same creation finds its own claim here, and goes on to complete it.
      const { streamId, holder } = await this.currentClaim(user.email);
      if (holder) return holder;
      try {
        await this.store.appendToStream(streamId, [identityEvent(streamId, 'EmailClaimed', { user }, metadata)], {
          expectedRevision: 'no_stream',
        });
        return user;
      } catch (error) {
        // Another account claimed the address since it was read (the next attempt finds its claim),
        // or claimed it and was erased already (the next attempt moves on to the next generation).
        if (!(error instanceof ConcurrencyError || error instanceof StreamTombstonedError)) throw error;
      }
    }
    throw new Error(`The address of account ${user.userId} changed hands ${MAX_CLAIM_ATTEMPTS} times while it was claimed`);
  }

  /**
   * The stream that holds the address's claim, or will hold its next one: the first of its
   * generations not tombstoned. An address never erased costs one read, or two when it is free.
   */
  private async currentClaim(email: string): Promise<{ streamId: string; holder: AccountFields | undefined }> {
    for (let generation = 0; generation < MAX_CLAIM_GENERATIONS; generation += 1) {
      const streamId = emailStreamId(email, generation);
      const holder = await this.readClaim(streamId);
      if (holder || !(await this.eraser.isStreamTombstoned(streamId))) return { streamId, holder };
    }
    throw new RangeError(`An address was erased more than ${MAX_CLAIM_GENERATIONS} times: it cannot be claimed again`);
  }

  /** Writes the account and its index entry from the claim; idempotent, so anyone may finish it. */
  private async completeAccount(user: AccountFields, metadata: EventMetadata): Promise<void> {
    const streamId = userStreamId(user.userId);
    try {
      await this.store.appendToStream(streamId, [identityEvent(streamId, 'UserCreated', { user }, metadata)], {
        expectedRevision: 'no_stream',
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const existing = await this.findUserById(user.userId);
      // User ids are random UUIDs: one already taken by another address is a bug, not a race.
      if (existing?.email !== user.email) throw new Error(`User id ${user.userId} already belongs to another account`, { cause: error });
    }
    // KurrentDB recognises a repeated entry by its event id only on a best-effort basis with
    // `any`, hence the duplicates that `listedUserIds` drops.
    const listed = identityEvent(USERS_INDEX_STREAM, 'UserListed', { userId: user.userId }, metadata);
    await this.store.appendToStream(USERS_INDEX_STREAM, [listed], { expectedRevision: 'any' });
  }

  /** A tombstoned claim reads as empty, as a free one does: `currentClaim` tells them apart. */
  private async readClaim(streamId: string): Promise<AccountFields | undefined> {
    const [claim] = await this.store.readStream(streamId, { maxCount: 1 });
    return claim && accountFrom(claim, 'EmailClaimed');
  }

  /**
   * Ids in the order they were listed, each once. Erased accounts stay listed here, hence counted:
   * `listUsers` leaves them out because their account stream is gone.
   */
  private async listedUserIds(): Promise<string[]> {
    const userIds = new Set<string>();
    for (const event of await this.readPaged(USERS_INDEX_STREAM)) userIds.add(dataOf<{ userId: string }>(event, 'UserListed').userId);
    return [...userIds];
  }

  /** Every event of a stream that may outgrow one read (an index), page after page. */
  private readPaged(streamId: string): Promise<RecordedEvent[]> {
    return readStreamToEnd(this.store, streamId, { maxPages: MAX_INDEX_PAGES });
  }
}
