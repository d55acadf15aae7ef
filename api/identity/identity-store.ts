import { createHash } from 'node:crypto';
import { type Role } from '../../shared/enums.js';
/**
 * People's accounts and sessions. Personal data (e-mail addresses) lives here and never in the
 * ledger's events, so that erasing a person rewrites no history: events name users by id only.
 */

export interface UserRecord {
  userId: string;
  /** Stored lower-cased: e-mail addresses are compared without case. */
  email: string;
  passwordHash: string;
  role: Role;
  /** The member structure a MEMBER user acts for; null for the other roles. */
  memberId: string | null;
  createdAt: string;
  /** Set while a coordinator has disabled the account: it cannot sign in. */
  disabledAt: string | null;
  /** Sessions created before this instant are no longer valid ("sign out everywhere"). */
  sessionsValidFrom: string | null;
  /** Set once the person was erased: e-mail and password are gone, the id stays in the ledger's events. */
  erasedAt: string | null;
}

export interface SessionRecord {
  /** SHA-256 of the bearer token: a leaked database does not leak usable tokens. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** What a one-time link lets its holder do: choose a first password, or a new one. */
export type OneTimeLinkPurpose = 'INVITATION' | 'PASSWORD_RESET';

/**
 * A link e-mailed to a person (invitation, password reset). Only the SHA-256 of its token is
 * stored: whoever reads the store cannot use the links it holds.
 */
export interface OneTimeLinkRecord {
  tokenHash: string;
  userId: string;
  purpose: OneTimeLinkPurpose;
  createdAt: string;
  expiresAt: string;
  /**
   * The `passwordFingerprint` of the account's password hash when the link was issued: any change
   * of the password since (through another link, or signed in) makes the link unusable. Null only
   * for links a KurrentDB store kept from before links were bound to a password.
   */
  passwordFingerprint: string | null;
  /** Set by the one use the link allows. */
  usedAt: string | null;
}

/**
 * What a one-time link is bound to: the SHA-256 of the account's password hash, which changes with
 * every new password (a new salt each time). It tells nothing of the password that the hash, kept
 * beside it, does not.
 */
export const passwordFingerprint = (passwordHash: string) => createHash('sha256').update(passwordHash).digest('hex');

/** How many links of one purpose a user may have been issued since an instant (see `issueOneTimeLinkWithin`). */
export interface OneTimeLinkLimit {
  atMost: number;
  /** Exclusive: a link created at this very instant no longer counts. */
  createdAfter: string;
}

export interface IdentityStore {
  /**
   * Every account ever created, erased ones included: the bootstrap only asks whether any account
   * ever existed, and erasing every account must not make the next start create the configured
   * first coordinator again.
   */
  countUsers(): Promise<number>;
  /**
   * Stores the address normalised (see `normaliseEmail`). Fails with EmailTakenError when another
   * account has the address, whatever its case.
   */
  createUser(user: UserRecord): Promise<void>;
  /**
   * Compares addresses as `normaliseEmail` does: without case or surrounding spaces. Undefined for
   * an address nobody has, or whose holder was erased.
   */
  findUserByEmail(email: string): Promise<UserRecord | undefined>;
  /** Undefined for an unknown or erased account. */
  findUserById(userId: string): Promise<UserRecord | undefined>;
  /** Ordered by e-mail address; erased accounts are not listed (but `countUsers` counts them). */
  listUsers(): Promise<UserRecord[]>;
  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  /** Only the first revocation counts; revoking an unknown session does nothing. */
  revokeSession(tokenHash: string, revokedAt: string): Promise<void>;
  /**
   * Deletes the sessions that ended before `before`: expired, revoked, or closed with every
   * session of their user ("sign out everywhere", a disabling) at an instant before it. Resolves
   * to how many were deleted. A store whose sessions cannot be deleted one by one deletes none.
   */
  forgetSessionsEndedBefore(before: string): Promise<number>;
  /**
   * Disables (an instant) or enables again (null) an account. Does nothing for an unknown or erased
   * account. Fails with LastCoordinatorError, changing nothing, when the account is the last active
   * (enabled) coordinator: checked and written at once, so that two processes disabling the two
   * last coordinators at the same time cannot both succeed.
   */
  setDisabled(userId: string, disabledAt: string | null): Promise<void>;
  /**
   * Gives the account another role, and the member structure it acts for (null unless the role is
   * MEMBER). Does nothing for an unknown or erased account. Fails with LastCoordinatorError, as
   * `setDisabled` does, when it would take the role from the last active coordinator.
   */
  changeRole(userId: string, role: Role, memberId: string | null): Promise<void>;
  /** Ends every session of the user created before `at`. Does nothing for an unknown or erased account. */
  revokeSessionsOf(userId: string, at: string): Promise<void>;
  /**
   * Replaces the user's password hash and revokes, at `at`, every session of the user except the
   * one whose token hash is `keptTokenHash` (the session that asked). Does nothing for an unknown
   * or erased account.
   */
  changePassword(userId: string, passwordHash: string, keptTokenHash: string, at: string): Promise<void>;
  /**
   * Erases a person (GDPR): their e-mail address and password hash are deleted from the store, and
   * their sessions with them (no longer found). The account is then neither found nor listed, but
   * still counted; the ledger's events keep naming its id. Its address is free for a new account:
   * the person may come back, and keeping the address taken would mean keeping it.
   *
   * Erasing an account already erased does nothing, so that an erasure cut short can be retried;
   * erasing an unknown one does nothing either, as disabling one does. Callers that want "no such
   * account" reported check first (AuthService does).
   */
  eraseUser(userId: string, erasedAt: string): Promise<void>;
  /**
   * A marker that changes whenever an account or a session may have changed, whichever process
   * changed it, or null when the store cannot tell cheaply. Authentication keeps what it found
   * for as long as the marker stays the same; with null it asks the store every time.
   */
  changeMarker(): string | null;
  /**
   * The secret named `name`, the same for every process sharing the store: the first call stores
   * `candidate`, and every later call, in whichever process, gets the secret stored first. Keys the
   * download links (see `DownloadLinks`), which any process must be able to check.
   */
  sharedSecret(name: string, candidate: string): Promise<string>;
  /** Stores a new link; its token hash is new (32 random bytes). */
  issueOneTimeLink(link: OneTimeLinkRecord): Promise<void>;
  /**
   * Stores `link` unless its user already has `limit.atMost` links of the same purpose created
   * after `limit.createdAfter` (used or not, issued by either method): true when stored. Counted
   * and stored in one step no other process interleaves with, so that requests arriving at once,
   * on one server or several, cannot all slip under the limit.
   */
  issueOneTimeLinkWithin(link: OneTimeLinkRecord, limit: OneTimeLinkLimit): Promise<boolean>;
  /** Undefined for a token hash no link has. */
  findOneTimeLink(tokenHash: string): Promise<OneTimeLinkRecord | undefined>;
  /**
   * Marks the link used at `usedAt`, atomically: true for the one call that used it, false when it
   * was used already or does not exist, whichever process asks. Expiry is the caller's to check.
   */
  useOneTimeLink(tokenHash: string, usedAt: string): Promise<boolean>;
}

export class EmailTakenError extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor() {
    super('Un compte utilise déjà cette adresse e-mail.');
    this.name = 'EmailTakenError';
  }
}

/** The pôle would be left with nobody able to manage accounts, admit members or undo this. */
export class LastCoordinatorError extends Error {
  readonly code = 'LAST_COORDINATOR';
  constructor() {
    super('Ce compte est le dernier compte de coordination actif : donnez d’abord ce rôle à un autre compte.');
    this.name = 'LastCoordinatorError';
  }
}

/** Whether an account counts towards the active coordinators the pôle must always keep one of. */
export const isActiveCoordinator = (user: Pick<UserRecord, 'role' | 'disabledAt' | 'erasedAt'>) =>
  user.role === 'COORDINATOR' && user.disabledAt === null && user.erasedAt === null;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Every stream the KurrentDB identity store writes starts with this prefix. They hold personal
 * data and are deleted on erasure, so the ledger's projections, hash chains and exports leave them
 * out: nothing in the ledger may depend on them.
 */
export const IDENTITY_STREAM_PREFIX = 'identity-';

export const isIdentityStream = (streamId: string) => streamId.startsWith(IDENTITY_STREAM_PREFIX);
