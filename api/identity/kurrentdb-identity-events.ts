import { createHash, randomUUID } from 'node:crypto';
import { type EventMetadata, type EventToAppend, type RecordedEvent } from '../../eventstore/event-store.js';
import { type SessionRecord, type UserRecord } from './identity-store.js';
import { type Role } from '../../shared/enums.js';

/**
 * How the KurrentDB identity store writes its events (ids derived from content, metadata naming
 * nobody) and reads them back into accounts and sessions; shared with its one-time links
 * (kurrentdb-one-time-links.ts).
 */

/**
 * The port does not say who acts, and these events are no audit trail: they are erased with the
 * person. The metadata only satisfies the event store, and links the appends of one call.
 */
export function newMetadata(): EventMetadata {
  return { correlationId: randomUUID(), actorUserId: 'system', actorRole: 'system' };
}

/**
 * The event id is derived from the stream, type and data: writing the same event again, after a
 * lost answer or on behalf of a creator that died, is then recognised by KurrentDB as a retry.
 */
export function identityEvent(streamId: string, type: string, data: object, metadata: EventMetadata): EventToAppend {
  return { id: uuidFrom(sha256(JSON.stringify([streamId, type, data]))), type, data, metadata };
}

/** Shaped as an RFC 9562 version 8 (custom) UUID: KurrentDB accepts nothing else as an event id. */
function uuidFrom(hex: string): string {
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export type SessionStarted = Omit<SessionRecord, 'revokedAt'>;

/** What an account is created with; whether it is disabled, or its sessions closed, comes from later events. */
export type AccountFields = Omit<UserRecord, 'disabledAt' | 'sessionsValidFrom' | 'erasedAt'>;

/** Always the same fields in the same order, so that the same account serialises, and hashes, the same. */
export function canonicalUser(user: AccountFields): AccountFields {
  const { userId, email, passwordHash, role, memberId, createdAt } = user;
  return { userId, email, passwordHash, role, memberId, createdAt };
}

export function accountFrom(event: RecordedEvent, type: 'EmailClaimed' | 'UserCreated'): AccountFields {
  return canonicalUser(dataOf<{ user: AccountFields }>(event, type).user);
}

/** The account as its stream tells it: created, then disabled or enabled, its sessions closed. */
export function userFrom(events: readonly RecordedEvent[]): UserRecord | undefined {
  const [created, ...later] = events;
  if (!created) return undefined;
  const user: UserRecord = { ...accountFrom(created, 'UserCreated'), disabledAt: null, sessionsValidFrom: null, erasedAt: null };
  for (const event of later) {
    const { at } = event.data as { at: string | null };
    if (event.type === 'UserDisabled') user.disabledAt = at;
    else if (event.type === 'UserEnabled') user.disabledAt = null;
    else if (event.type === 'SessionsRevoked') user.sessionsValidFrom = at;
    else if (event.type === 'PasswordChanged') user.passwordHash = dataOf<{ passwordHash: string }>(event, 'PasswordChanged').passwordHash;
    else if (event.type === 'RoleChanged') Object.assign(user, dataOf<{ role: Role; memberId: string | null }>(event, 'RoleChanged'));
    else dataOf(event, 'UserDisabled | UserEnabled | SessionsRevoked | PasswordChanged | RoleChanged');
  }
  return user;
}

export function sessionFrom(events: readonly RecordedEvent[]): SessionRecord | undefined {
  const [started, revoked] = events;
  if (!started) return undefined;
  const session = dataOf<SessionStarted>(started, 'SessionStarted');
  const revokedAt = revoked ? dataOf<{ revokedAt: string }>(revoked, 'SessionRevoked').revokedAt : null;
  return { ...session, revokedAt };
}

/** Only this store writes `identity-` streams; anything else found there is a bug, not input. */
export function dataOf<Data>(event: RecordedEvent, type: string): Data {
  if (event.type !== type || typeof event.data !== 'object' || event.data === null) {
    throw new Error(`Expected ${type} in ${event.streamId} at revision ${event.revision}, found ${event.type}`);
  }
  return event.data as Data;
}
