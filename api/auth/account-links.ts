import { randomBytes } from 'node:crypto';
import { DomainError } from '../../domain/shared/errors.js';
import { INVITATION_VALID_HOURS } from '../../shared/account-links.js';
import { type Role } from '../../shared/enums.js';
import {
  type IdentityStore, type OneTimeLinkPurpose, type OneTimeLinkRecord, passwordFingerprint, type UserRecord,
} from '../identity/identity-store.js';
import { assertStrongPassword } from '../identity/password-policy.js';
import { hashPassword } from '../identity/passwords.js';
import { MemoryFailureCounts, PasswordResetThrottle } from '../login-rate-limit.js';
import { invitationMail, passwordResetMail } from '../mail/mail-messages.js';
import { type MailOutbox } from '../mail/mail-outbox.js';
import { assertValidNewUser, hashToken, newUserRecord } from './auth-service.js';

export { INVITATION_VALID_HOURS };
export const PASSWORD_RESET_VALID_MINUTES = 60;
/**
 * Reset links one account is sent per rolling hour at most. Enough for a person whose mail is slow
 * or lost, or who asked twice; few enough that nobody can flood someone's mailbox, or fill the
 * outbox, by asking again and again (the request is public). Counted from the links the identity
 * store keeps, so that every server process and every backend agree.
 */
export const PASSWORD_RESETS_PER_HOUR = 3;
const HOUR_MS = 3_600_000;
const VALIDITY_MS: Record<OneTimeLinkPurpose, number> = {
  INVITATION: INVITATION_VALID_HOURS * 3_600_000,
  PASSWORD_RESET: PASSWORD_RESET_VALID_MINUTES * 60_000,
};

/** The page of the web app where the holder of a link chooses their password. */
export const choosePasswordUrl = (baseUrl: string, token: string) => `${baseUrl}/#/choose-password?token=${token}`;

export interface AccountLinksOptions {
  /** The pôle's name, which the invitation names and no password may be built on. */
  poleName?: string | null;
  /** Told each time a mail is queued, so that the sender sends it now rather than at its next poll. */
  onMailQueued?: () => void;
  /** Limits the requests per client address; by default in this process's memory, on the links' clock. */
  throttle?: PasswordResetThrottle;
  /** Called as a link sets a new password: the account's calendar feed addresses end with its sessions. */
  revokeCalendarFeedsOf?: (userId: string, at: string) => Promise<void>;
}

/** What the page opened from a link shows before the person chooses a password. */
export interface LinkHolder {
  email: string;
  purpose: OneTimeLinkPurpose;
  expiresAt: string;
}

/**
 * Invitations and password resets: one-time links, e-mailed through the outbox, with which a
 * person chooses their own password. Nobody else, the coordinator included, ever knows it.
 */
export class AccountLinks {
  private readonly throttle: PasswordResetThrottle;

  constructor(
    private readonly identity: IdentityStore,
    private readonly outbox: MailOutbox,
    private readonly clock: () => Date,
    private readonly options: AccountLinksOptions = {},
  ) {
    this.throttle = options.throttle ?? new PasswordResetThrottle(new MemoryFailureCounts(), () => this.clock().getTime());
  }

  /**
   * Creates the account and mails its link (valid 72 h). Until the person follows it, the account
   * holds the hash of a random password nobody ever saw: no one can sign in to it. An invitation
   * whose mail is lost or expired is replaced by « Mot de passe oublié ? », which works for it too.
   */
  async inviteUser(newUser: { email: string; role: Role; memberId: string | null }, baseUrl: string): Promise<UserRecord> {
    assertValidNewUser(newUser);
    // A password nobody is told: the account is signed in to only once its holder has chosen one.
    const user = newUserRecord(newUser, await hashPassword(randomBytes(32).toString('base64url')), this.clock());
    await this.identity.createUser(user);
    const { token, link } = this.newLink(user, 'INVITATION');
    await this.identity.issueOneTimeLink(link);
    const content = invitationMail({
      link: choosePasswordUrl(baseUrl, token), role: user.role, poleName: this.options.poleName ?? null, validHours: INVITATION_VALID_HOURS,
    });
    await this.queue(`invitation:${link.tokenHash}`, user.email, content);
    return user;
  }

  /**
   * Mails a link (valid 1 h) when an enabled account has the address and was sent fewer than
   * PASSWORD_RESETS_PER_HOUR in the last hour; does nothing otherwise. The caller answers the same
   * either way, so that nobody learns which addresses have an account, nor how often they asked.
   * Only the limit per client address is told (RateLimitedError), whichever e-mail was asked for.
   */
  async requestPasswordReset(email: string, baseUrl: string, clientAddress = NO_ADDRESS): Promise<void> {
    await this.throttle.count(clientAddress);
    const user = await this.identity.findUserByEmail(email);
    if (!user || user.disabledAt !== null) return;
    const { token, link } = this.newLink(user, 'PASSWORD_RESET');
    const lastHour = { atMost: PASSWORD_RESETS_PER_HOUR, createdAfter: new Date(Date.parse(link.createdAt) - HOUR_MS).toISOString() };
    // Beyond the limit, silently: the caller answers as for a link sent, once the store has counted.
    if (!(await this.identity.issueOneTimeLinkWithin(link, lastHour))) return;
    const content = passwordResetMail({ link: choosePasswordUrl(baseUrl, token), validMinutes: PASSWORD_RESET_VALID_MINUTES });
    await this.queue(`password-reset:${link.tokenHash}`, user.email, content);
  }

  /** Who a link is for, or the refusal its use would meet (LINK_INVALID, LINK_USED, LINK_EXPIRED, LINK_SUPERSEDED). */
  async holderOf(token: string): Promise<LinkHolder> {
    const { link, user } = await this.usableLink(token);
    return { email: user.email, purpose: link.purpose, expiresAt: link.expiresAt };
  }

  /**
   * Spends the link and sets the password (the password rules apply); every session of the
   * account ends, and its calendar feed addresses are revoked, since whoever knew the old password
   * may hold one.
   */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    const { link, user } = await this.usableLink(token);
    await assertStrongPassword(newPassword, { email: user.email, poleName: this.options.poleName }, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    const now = this.clock();
    // Spent before the password changes: of two uses at once, only one gets past this line.
    if (!(await this.identity.useOneTimeLink(link.tokenHash, now.toISOString()))) throw linkUsed();
    await this.options.revokeCalendarFeedsOf?.(user.userId, now.toISOString());
    await this.identity.changePassword(user.userId, passwordHash, NO_SESSION_KEPT, now.toISOString());
    // One millisecond ahead, so that a session opened in the same millisecond ends too.
    await this.identity.revokeSessionsOf(user.userId, new Date(now.getTime() + 1).toISOString());
  }

  private async usableLink(token: string): Promise<{ link: OneTimeLinkRecord; user: UserRecord }> {
    const link = await this.identity.findOneTimeLink(hashToken(token));
    if (!link) throw new DomainError('LINK_INVALID', 'Ce lien n’est pas valable.');
    if (link.usedAt !== null) throw linkUsed();
    if (Date.parse(link.expiresAt) <= this.clock().getTime()) throw new DomainError('LINK_EXPIRED', 'Ce lien a expiré.');
    const user = await this.identity.findUserById(link.userId);
    // An erased account's links are gone with it; they are refused like any unknown link.
    if (!user) throw new DomainError('LINK_INVALID', 'Ce lien n’est pas valable.');
    // A link is for the password it was issued with: once that changed (through another link, or
    // signed in), whoever holds an older link, in a mailbox or a forwarded mail, can no longer use it.
    if (link.passwordFingerprint !== null && link.passwordFingerprint !== passwordFingerprint(user.passwordHash)) {
      throw new DomainError('LINK_SUPERSEDED', 'Ce lien n’est plus valable : le mot de passe du compte a changé depuis son envoi.');
    }
    return { link, user };
  }

  /**
   * A new link, not stored yet, bound to the account's password as it is now, and the token its
   * mail carries (only its hash is stored).
   */
  private newLink(user: UserRecord, purpose: OneTimeLinkPurpose): IssuedLink {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const link: OneTimeLinkRecord = {
      tokenHash: hashToken(token),
      userId: user.userId,
      purpose,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + VALIDITY_MS[purpose]).toISOString(),
      passwordFingerprint: passwordFingerprint(user.passwordHash),
      usedAt: null,
    };
    return { token, link };
  }

  private async queue(key: string, to: string, content: { subject: string; text: string; html: string }): Promise<void> {
    await this.outbox.enqueue({ key, to, ...content }, this.clock().toISOString());
    this.options.onMailQueued?.();
  }
}

interface IssuedLink {
  token: string;
  link: OneTimeLinkRecord;
}

/** Where a request comes from, for the limit per address; tests and scripts calling directly have none. */
const NO_ADDRESS = 'internal';

/** No session has this token hash: changing the password through a link keeps none. */
const NO_SESSION_KEPT = '';

const linkUsed = () => new DomainError('LINK_USED', 'Ce lien a déjà servi.');
