import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVITATION_VALID_HOURS, PASSWORD_RESET_VALID_MINUTES } from '../../api/auth/account-links.js';
import { hashToken } from '../../api/auth/auth-service.js';
import { DomainError } from '../../domain/shared/errors.js';
import { BASE_URL, linkTokenIn, type MailFixture, openMailFixture } from './mail-fixture.js';

const STRONG = 'salicorne-et-flamant-rose-2025';
const OTHER_STRONG = 'barque-catalane-sous-la-tramontane';

const refusal = (code: string) => expect.objectContaining({ name: 'DomainError', code });

describe('invitations and password resets by one-time link, mailed over SMTP', () => {
  let fixture: MailFixture;
  beforeEach(async () => {
    fixture = await openMailFixture();
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  /** Invites, sends the mail, and returns the account with the token its mail holds. */
  const invite = async (email = 'nouvelle@coop-batisseurs.test') => {
    const user = await fixture.links.inviteUser({ email, role: 'TREASURER', memberId: null }, BASE_URL);
    await fixture.sender().sendDue();
    const mail = (await fixture.inbox.waitFor(fixture.inbox.mails.length)).at(-1)!;
    return { user, mail, token: linkTokenIn(mail.text) };
  };

  it('mails the invitation in French, text and escaped HTML, with a link to choose a password that then signs in', async () => {
    const { user, mail, token } = await invite();

    expect(mail.to).toEqual(['nouvelle@coop-batisseurs.test']);
    expect(mail.subject).toBe('Votre compte Mutua – Pôle de l’Étang');
    expect(mail.text).toContain(`${BASE_URL}/#/choose-password?token=${token}`);
    expect(mail.text).toContain(`valable ${INVITATION_VALID_HOURS} heures`);
    expect(mail.html).toContain(`<a href="${BASE_URL}/#/choose-password?token=${token}">Choisir mon mot de passe</a>`);
    expect(mail.html).toContain('Pôle de l’Étang');
    // Only the token's hash is stored, and nobody can sign in before the person chose a password.
    expect(await fixture.identity.findOneTimeLink(token)).toBeUndefined();
    expect(await fixture.identity.findOneTimeLink(hashToken(token))).toMatchObject({ userId: user.userId, purpose: 'INVITATION' });
    expect(await fixture.links.holderOf(token)).toMatchObject({ email: user.email, purpose: 'INVITATION' });

    await fixture.links.resetPassword(token, STRONG);
    expect((await fixture.auth.login(user.email, STRONG)).user.userId).toBe(user.userId);
  });

  it('refuses an invitation link used twice with LINK_USED, and the first password stays', async () => {
    const { user, token } = await invite();
    await fixture.links.resetPassword(token, STRONG);

    await expect(fixture.links.resetPassword(token, OTHER_STRONG)).rejects.toEqual(refusal('LINK_USED'));
    await expect(fixture.links.holderOf(token)).rejects.toEqual(refusal('LINK_USED'));
    await expect(fixture.auth.login(user.email, OTHER_STRONG)).rejects.toThrow();
    expect((await fixture.auth.login(user.email, STRONG)).user.userId).toBe(user.userId);
  });

  it('accepts an invitation link until 72 hours have passed, then refuses it with LINK_EXPIRED', async () => {
    const { token } = await invite();
    fixture.clock.advance(INVITATION_VALID_HOURS * 3_600_000 - 1);
    expect(await fixture.links.holderOf(token)).toMatchObject({ purpose: 'INVITATION' });
    fixture.clock.advance(1);

    await expect(fixture.links.resetPassword(token, STRONG)).rejects.toEqual(refusal('LINK_EXPIRED'));
  });

  it('refuses a wrong or cut token with LINK_INVALID', async () => {
    const { token } = await invite();

    await expect(fixture.links.resetPassword(token.slice(0, -1), STRONG)).rejects.toEqual(refusal('LINK_INVALID'));
    await expect(fixture.links.holderOf('nimporte-quoi')).rejects.toEqual(refusal('LINK_INVALID'));
  });

  it('applies the password rules to the chosen password, and leaves the link usable after a refusal', async () => {
    const { token } = await invite();

    const weak = await fixture.links.resetPassword(token, 'motdepasse').catch((error: unknown) => error);
    expect(weak).toBeInstanceOf(DomainError);
    expect(weak).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'newPassword' } });
    await fixture.links.resetPassword(token, STRONG);
  });

  it('mails a reset link valid one hour that ends every session of the account; the old password stops working', async () => {
    const { user, token: invitation } = await invite();
    await fixture.links.resetPassword(invitation, STRONG);
    const { token: sessionToken } = await fixture.auth.login(user.email, STRONG);

    await fixture.links.requestPasswordReset('  NOUVELLE@coop-batisseurs.test ', BASE_URL);
    await fixture.sender().sendDue();
    const [, resetMail] = await fixture.inbox.waitFor(2);
    expect(resetMail!.subject).toBe('Mutua : choisir un nouveau mot de passe');
    expect(resetMail!.text).toContain(`valable ${PASSWORD_RESET_VALID_MINUTES} minutes`);
    const resetToken = linkTokenIn(resetMail!.text);
    expect(await fixture.links.holderOf(resetToken)).toMatchObject({ purpose: 'PASSWORD_RESET' });

    fixture.clock.advance(1_000);
    await fixture.links.resetPassword(resetToken, OTHER_STRONG);
    await expect(fixture.auth.authenticate(sessionToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(fixture.auth.login(user.email, STRONG)).rejects.toThrow();
    expect((await fixture.auth.login(user.email, OTHER_STRONG)).user.userId).toBe(user.userId);
  });

  it('refuses a reset link once its hour has passed', async () => {
    const { user } = await invite();
    await fixture.links.requestPasswordReset(user.email, BASE_URL);
    await fixture.sender().sendDue();
    const resetToken = linkTokenIn((await fixture.inbox.waitFor(2))[1]!.text);

    fixture.clock.advance(PASSWORD_RESET_VALID_MINUTES * 60_000);
    await expect(fixture.links.resetPassword(resetToken, STRONG)).rejects.toEqual(refusal('LINK_EXPIRED'));
  });

  it('answers an unknown or disabled address as any other, and mails nothing', async () => {
    const { user } = await invite();
    const coordinator = await fixture.auth.createUser({ email: 'coordination@pole.test', password: STRONG, role: 'COORDINATOR', memberId: null });
    await fixture.auth.setDisabled({ userId: coordinator.userId, role: 'COORDINATOR', memberId: null }, user.userId, true);

    await expect(fixture.links.requestPasswordReset('personne@nulle-part.test', BASE_URL)).resolves.toBeUndefined();
    await expect(fixture.links.requestPasswordReset(user.email, BASE_URL)).resolves.toBeUndefined();
    expect(await fixture.sender().sendDue()).toBe(0);
    expect(fixture.inbox.mails).toHaveLength(1);
  });

  it('refuses the links of an erased account, and drops its mails not sent yet', async () => {
    const coordinator = await fixture.auth.createUser({ email: 'coordination@pole.test', password: STRONG, role: 'COORDINATOR', memberId: null });
    const { user, token } = await invite();
    await fixture.links.requestPasswordReset(user.email, BASE_URL);
    await fixture.auth.erase({ userId: coordinator.userId, role: 'COORDINATOR', memberId: null }, user.userId);

    await expect(fixture.links.resetPassword(token, STRONG)).rejects.toEqual(refusal('LINK_INVALID'));
    expect(await fixture.sender().sendDue()).toBe(0);
  });
});
