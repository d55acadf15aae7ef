import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/shared/errors.js';
import { ConfigurationError } from '../config.js';
import { EmailTakenError, type IdentityStore, normaliseEmail, type UserRecord } from '../identity/identity-store.js';
import { type Role } from '../../shared/enums.js';
import { assertStrongPassword } from '../identity/password-policy.js';
import { hashPassword, verifyPassword } from '../identity/passwords.js';
import { MemoryFailureCounts, SignInThrottle } from '../login-rate-limit.js';
import { type Actor } from './actor.js';

export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
  override name = 'AuthenticationError';
}

/** Hash compared when the e-mail is unknown, so that a login takes as long either way. */
const UNKNOWN_USER_HASH = await hashPassword(randomBytes(16).toString('hex'));

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A session's row (who signed in, when, until when) is kept this long after the session ended,
 * then deleted (`IdentityStore.forgetSessionsEndedBefore`): the month an operator may need to
 * answer "was this account used from elsewhere?", and no longer. Without it every sign-in ever
 * made stayed in the store.
 */
export const KEEP_ENDED_SESSIONS_MS = 30 * 24 * 3_600_000;
/** How often sign-ins delete them: at the first sign-in of a process, then once an hour at most. */
const FORGET_ENDED_SESSIONS_EVERY_MS = 3_600_000;

/** Sessions remembered between two changes of the identity store; beyond this many, the memory starts afresh. */
const MAX_REMEMBERED_SESSIONS = 10_000;

/** A session found valid: who acts through it, and until when at most. */
export interface CheckedSession {
  actor: Actor;
  expiresAtMs: number;
}

export interface AuthOptions {
  /** Failed sign-ins and password checks, counted per client address and e-mail. */
  throttle?: SignInThrottle;
  /** The pôle's name, which no password may be built on. */
  poleName?: string | null;
  /** Called as a person is erased, with their address: their mails not sent yet go with them. */
  forgetMailsTo?: (email: string) => Promise<void>;
  /**
   * Called before a person's other sessions end (`revokeAllSessions`, `changePassword`): their
   * calendar feed addresses, credentials no session bounds, are revoked with them.
   */
  revokeCalendarFeedsOf?: (userId: string, at: string) => Promise<void>;
}

/** Where a request comes from, for the sign-in limits; tests and scripts calling the service directly have none. */
const NO_ADDRESS = 'internal';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  memberId: string | null;
}

export class AuthService {
  /**
   * Sessions already checked, by token hash, valid while the store's change marker stays the
   * same: a revocation, a disabling or an erasure, in whichever process, changes it. Only the actor is
   * kept, never an address or a password hash.
   */
  private readonly remembered = new Map<string, CheckedSession>();
  private rememberedMarker: string | null = null;
  /** When this process last deleted the sessions ended long ago (see `KEEP_ENDED_SESSIONS_MS`). */
  private endedSessionsForgottenAtMs: number | undefined;

  constructor(
    private readonly identity: IdentityStore,
    private readonly sessionLifetimeHours: number,
    private readonly clock: () => Date,
    private readonly options: AuthOptions = {},
  ) {
    this.throttle = options.throttle ?? new SignInThrottle(new MemoryFailureCounts(), () => this.clock().getTime());
  }

  private readonly throttle: SignInThrottle;

  /**
   * Only a wrong e-mail or password counts as a failure (see `SIGN_IN_LIMITS`); while the client
   * address has to wait, the attempt is refused (RateLimitedError) before the password is looked at.
   */
  async login(email: string, password: string, clientAddress = NO_ADDRESS): Promise<{ token: string; user: UserRecord }> {
    const attempt = await this.throttle.begin(clientAddress, email);
    const user = await this.identity.findUserByEmail(normaliseEmail(email));
    const valid = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !valid) throw new AuthenticationError('E-mail ou mot de passe incorrect.');
    await attempt.succeeded();
    if (user.disabledAt !== null) throw new AuthenticationError('Ce compte est désactivé : adressez-vous à la coordination du pôle.');
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    await this.forgetEndedSessions(now);
    await this.identity.createSession({
      tokenHash: hashToken(token),
      userId: user.userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.sessionLifetimeHours * 3_600_000).toISOString(),
      revokedAt: null,
    });
    return { token, user };
  }

  /** Sign-ins add the rows: they delete the old ones too, the first of a process and then hourly. */
  private async forgetEndedSessions(now: Date): Promise<void> {
    if (this.endedSessionsForgottenAtMs !== undefined && now.getTime() - this.endedSessionsForgottenAtMs < FORGET_ENDED_SESSIONS_EVERY_MS) return;
    this.endedSessionsForgottenAtMs = now.getTime();
    await this.identity.forgetSessionsEndedBefore(new Date(now.getTime() - KEEP_ENDED_SESSIONS_MS).toISOString());
  }

  async logout(token: string): Promise<void> {
    await this.identity.revokeSession(hashToken(token), this.clock().toISOString());
  }

  /** The actor behind a bearer token, or an AuthenticationError when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<Actor> {
    return (await this.checkedSession(token)).actor;
  }

  /** As `authenticate`, with the instant the session expires (a live-updates stream ends then). */
  checkedSession(token: string): Promise<CheckedSession> {
    return this.checkedSessionByHash(hashToken(token));
  }

  /**
   * The actor behind a session known by its token's hash (a download link carries the hash, never
   * the token), with the same checks as `authenticate`: a session revoked, expired or of a disabled
   * account is refused.
   */
  async authenticateSession(tokenHash: string): Promise<Actor> {
    return (await this.checkedSessionByHash(tokenHash)).actor;
  }

  private async checkedSessionByHash(tokenHash: string): Promise<CheckedSession> {
    const nowMs = this.clock().getTime();
    const marker = this.identity.changeMarker();
    if (marker !== this.rememberedMarker) {
      this.remembered.clear();
      this.rememberedMarker = marker;
    }
    const remembered = marker === null ? undefined : this.remembered.get(tokenHash);
    if (remembered && remembered.expiresAtMs > nowMs) return remembered;
    const checked = await this.checkSession(tokenHash, nowMs);
    if (marker !== null && this.identity.changeMarker() === marker) {
      if (this.remembered.size >= MAX_REMEMBERED_SESSIONS) this.remembered.clear();
      this.remembered.set(tokenHash, checked);
    }
    return checked;
  }

  private async checkSession(tokenHash: string, nowMs: number): Promise<CheckedSession> {
    const session = await this.identity.findSession(tokenHash);
    if (!session || session.revokedAt !== null || Date.parse(session.expiresAt) <= nowMs) {
      throw new AuthenticationError('Session inconnue ou expirée : reconnectez-vous.');
    }
    const user = await this.identity.findUserById(session.userId);
    if (!user) throw new AuthenticationError('Ce compte n’existe plus.');
    if (user.disabledAt !== null) throw new AuthenticationError('Ce compte est désactivé : adressez-vous à la coordination du pôle.');
    if (user.sessionsValidFrom !== null && session.createdAt < user.sessionsValidFrom) {
      throw new AuthenticationError('Session fermée : reconnectez-vous.');
    }
    const actor: Actor = Object.freeze({ userId: user.userId, role: user.role, memberId: user.memberId });
    return { actor, expiresAtMs: Date.parse(session.expiresAt) };
  }

  async createUser(newUser: NewUser): Promise<UserRecord> {
    assertValidNewUser(newUser);
    await assertStrongPassword(newUser.password, { email: normaliseEmail(newUser.email), poleName: this.options.poleName });
    const user = newUserRecord(newUser, await hashPassword(newUser.password), this.clock());
    await this.identity.createUser(user);
    return user;
  }

  /** At the first start, with no user at all, creates the coordinator from the configuration. */
  async bootstrapCoordinator(admin: { email: string; password: string } | undefined): Promise<UserRecord | undefined> {
    if ((await this.identity.countUsers()) > 0 || !admin) return undefined;
    try {
      return await this.createUser({ ...admin, role: 'COORDINATOR', memberId: null });
    } catch (error) {
      // Two processes starting together on an empty store: the other one created it.
      if (error instanceof EmailTakenError) return undefined;
      // The first coordinator's password follows the rules of every other: a weak one stops the first start.
      if (error instanceof DomainError) throw new ConfigurationError(`MUTUA_ADMIN_EMAIL / MUTUA_ADMIN_PASSWORD refused: ${error.message}`);
      throw error;
    }
  }

  /**
   * A signed-in person changes their own password, proving they know the current one (a wrong one
   * counts as a failed sign-in). Every other session of theirs ends, and their calendar feed
   * addresses are revoked: whoever else may have known the old password is signed out; the session
   * that asked goes on.
   */
  async changePassword(token: string, currentPassword: string, newPassword: string, clientAddress = NO_ADDRESS): Promise<void> {
    const { actor } = await this.checkedSession(token);
    const user = await this.existingUser(actor.userId);
    const attempt = await this.throttle.begin(clientAddress, user.email);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      // One of the contract's codes: the field tells a wrong current password from a weak new one.
      throw new DomainError('VALIDATION_FAILED', 'Le mot de passe actuel est incorrect.', { field: 'currentPassword' });
    }
    await attempt.succeeded();
    if (newPassword === currentPassword) {
      throw new DomainError('VALIDATION_FAILED', 'Le nouveau mot de passe doit être différent de l’actuel.', { field: 'newPassword' });
    }
    await assertStrongPassword(newPassword, { email: user.email, poleName: this.options.poleName }, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    const now = this.clock().toISOString();
    // The addresses first: if that fails, nothing else changed, and the person tries again.
    await this.options.revokeCalendarFeedsOf?.(user.userId, now);
    await this.identity.changePassword(user.userId, passwordHash, hashToken(token), now);
  }

  findUser(userId: string): Promise<UserRecord | undefined> {
    return this.identity.findUserById(userId);
  }

  listUsers(): Promise<UserRecord[]> {
    return this.identity.listUsers();
  }

  /**
   * A coordinator disables an account (it can no longer sign in, its sessions end) or enables it
   * again; never their own, nor the last active coordinator (LastCoordinatorError).
   */
  async setDisabled(actor: Actor, userId: string, disabled: boolean): Promise<UserRecord> {
    if (actor.userId === userId) throw new DomainError('VALIDATION_FAILED', 'On ne désactive pas son propre compte.', { field: 'userId' });
    await this.existingUser(userId);
    const now = this.clock().toISOString();
    await this.identity.setDisabled(userId, disabled ? now : null);
    if (disabled) await this.identity.revokeSessionsOf(userId, now);
    return this.existingUser(userId);
  }

  /**
   * A coordinator gives an account another role, and the member structure a MEMBER account acts
   * for. Never their own (another coordinator does it), nor the last active coordinator's
   * (LastCoordinatorError). The sessions go on, with the new role from their next request.
   */
  async changeRole(actor: Actor, userId: string, role: Role, memberId: string | null): Promise<UserRecord> {
    if (actor.userId === userId) {
      throw new DomainError('VALIDATION_FAILED', 'Un autre compte de coordination doit changer votre rôle.', { field: 'userId' });
    }
    assertRoleMatchesMember(role, memberId);
    await this.existingUser(userId);
    await this.identity.changeRole(userId, role, memberId);
    return this.existingUser(userId);
  }

  /**
   * "Sign out everywhere": every session of the user ends, its own included when it asks for
   * itself, and every calendar feed address they hold is revoked.
   */
  async revokeAllSessions(actor: Actor, userId: string): Promise<void> {
    if (actor.userId !== userId && actor.role !== 'COORDINATOR') throw new DomainError('FORBIDDEN', 'Vous ne fermez que vos propres sessions.');
    await this.existingUser(userId);
    const now = this.clock();
    // The addresses first: if that fails, the sessions go on, and the person tries again.
    await this.options.revokeCalendarFeedsOf?.(userId, now.toISOString());
    // One millisecond ahead, so that a session opened in the same millisecond ends too.
    await this.identity.revokeSessionsOf(userId, new Date(now.getTime() + 1).toISOString());
  }

  /** GDPR erasure: the person's e-mail and password disappear; the ledger keeps only their id. */
  async erase(actor: Actor, userId: string): Promise<void> {
    if (actor.userId === userId) throw new DomainError('VALIDATION_FAILED', 'Un autre compte de coordination doit effacer le vôtre.');
    const { email } = await this.existingUser(userId);
    await this.options.forgetMailsTo?.(email);
    await this.identity.eraseUser(userId, this.clock().toISOString());
  }

  private async existingUser(userId: string): Promise<UserRecord> {
    const user = await this.identity.findUserById(userId);
    if (!user) throw new DomainError('NOT_FOUND', 'Compte introuvable.');
    return user;
  }
}

/** A new account's record, created by `createUser` (its password given) or by an invitation (none yet). */
export function newUserRecord(newUser: Omit<NewUser, 'password'>, passwordHash: string, createdAt: Date): UserRecord {
  return {
    userId: randomUUID(),
    email: normaliseEmail(newUser.email),
    passwordHash,
    role: newUser.role,
    memberId: newUser.role === 'MEMBER' ? newUser.memberId : null,
    createdAt: createdAt.toISOString(),
    disabledAt: null,
    sessionsValidFrom: null,
    erasedAt: null,
  };
}

export function assertValidNewUser(newUser: Omit<NewUser, 'password'>): void {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(newUser.email.trim()) || newUser.email.length > 254) {
    throw new DomainError('VALIDATION_FAILED', 'Adresse e-mail invalide.');
  }
  assertRoleMatchesMember(newUser.role, newUser.memberId);
}

function assertRoleMatchesMember(role: Role, memberId: string | null): void {
  if ((role === 'MEMBER') !== (memberId !== null)) {
    throw new DomainError('VALIDATION_FAILED', 'Un compte de structure membre, et lui seul, est rattaché à une structure.', { field: 'memberId' });
  }
}
