import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD_RESETS_PER_HOUR } from '../../api/auth/account-links.js';
import { PASSWORD_RESET_LIMITS, RateLimitedError } from '../../api/login-rate-limit.js';
import { BASE_URL, type MailFixture, openMailFixture } from './mail-fixture.js';

const STRONG = 'salicorne-et-flamant-rose-2025';
const MINUTE_MS = 60_000;

/**
 * At most PASSWORD_RESETS_PER_HOUR reset links per account per rolling hour; beyond, the request is
 * answered as any other and nothing is mailed. The test's clock is the only one the links read.
 */
describe('the password reset links an account is sent per hour', () => {
  let fixture: MailFixture;
  beforeEach(async () => {
    fixture = await openMailFixture();
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  const account = (email: string) => fixture.auth.createUser({ email, password: STRONG, role: 'TREASURER', memberId: null });
  /** Asks for a link, as the public mutation does, and sends what the outbox then holds: the number of mails sent. */
  const requestAndSend = async (email: string) => {
    await expect(fixture.links.requestPasswordReset(email, BASE_URL)).resolves.toBeUndefined();
    return fixture.sender().sendDue();
  };

  it(`mails ${PASSWORD_RESETS_PER_HOUR} links in an hour, silently none beyond, and one more once the first is an hour old`, async () => {
    await account('alice@coop-batisseurs.test');
    const sent: number[] = [];
    for (let index = 0; index <= PASSWORD_RESETS_PER_HOUR; index += 1) {
      sent.push(await requestAndSend('alice@coop-batisseurs.test'));
      fixture.clock.advance(10 * MINUTE_MS);
    }
    expect(sent).toEqual([1, 1, 1, 0]);

    // The first link is 40 minutes old: 20 minutes later, less a millisecond, it still counts.
    fixture.clock.advance(20 * MINUTE_MS - 1);
    expect(await requestAndSend('alice@coop-batisseurs.test')).toBe(0);
    fixture.clock.advance(1);
    expect(await requestAndSend('alice@coop-batisseurs.test')).toBe(1);
    expect(await requestAndSend('alice@coop-batisseurs.test')).toBe(0);

    const mails = await fixture.inbox.waitFor(PASSWORD_RESETS_PER_HOUR + 1);
    expect(mails.map((mail) => [mail.to, mail.subject])).toEqual(
      Array.from({ length: PASSWORD_RESETS_PER_HOUR + 1 }, () => [['alice@coop-batisseurs.test'], 'Mutua : choisir un nouveau mot de passe']),
    );
  });

  it('counts each account on its own: another account is mailed while one has reached its limit', async () => {
    await account('alice@coop-batisseurs.test');
    await account('bob@coop-batisseurs.test');
    for (let index = 0; index < PASSWORD_RESETS_PER_HOUR; index += 1) await requestAndSend('alice@coop-batisseurs.test');

    expect(await requestAndSend('alice@coop-batisseurs.test')).toBe(0);
    expect(await requestAndSend('bob@coop-batisseurs.test')).toBe(1);
    expect((await fixture.inbox.waitFor(PASSWORD_RESETS_PER_HOUR + 1)).at(-1)!.to).toEqual(['bob@coop-batisseurs.test']);
  });

  it('counts the invitation apart: an invited person may still ask for three reset links', async () => {
    await fixture.links.inviteUser({ email: 'nouvelle@coop-batisseurs.test', role: 'TREASURER', memberId: null }, BASE_URL);
    expect(await fixture.sender().sendDue()).toBe(1);
    const sent: number[] = [];
    for (let index = 0; index <= PASSWORD_RESETS_PER_HOUR; index += 1) sent.push(await requestAndSend('nouvelle@coop-batisseurs.test'));
    expect(sent).toEqual([1, 1, 1, 0]);
  });

  it('still mails nothing for an unknown or disabled address, however often it is asked', async () => {
    const coordinator = await fixture.auth.createUser({ email: 'coordination@pole.test', password: STRONG, role: 'COORDINATOR', memberId: null });
    const disabled = await account('partie@coop-batisseurs.test');
    await fixture.auth.setDisabled({ userId: coordinator.userId, role: 'COORDINATOR', memberId: null }, disabled.userId, true);

    for (let index = 0; index <= PASSWORD_RESETS_PER_HOUR; index += 1) {
      expect(await requestAndSend('personne@nulle-part.test')).toBe(0);
      expect(await requestAndSend(disabled.email)).toBe(0);
    }
    expect(fixture.inbox.mails).toHaveLength(0);
  });
});

describe('the requests for a password link one client address may make per hour', () => {
  let fixture: MailFixture;
  beforeEach(async () => {
    fixture = await openMailFixture();
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  const requestFrom = (clientAddress: string, email: string) => fixture.links.requestPasswordReset(email, BASE_URL, clientAddress);

  it('refuses the address with RATE_LIMITED once it asked too often, whatever the e-mails, until its hour has passed', async () => {
    await fixture.auth.createUser({ email: 'alice@coop-batisseurs.test', password: STRONG, role: 'TREASURER', memberId: null });
    for (let index = 0; index < PASSWORD_RESET_LIMITS.requestsPerAddress; index += 1) {
      await requestFrom('192.0.2.7', index % 2 === 0 ? 'alice@coop-batisseurs.test' : `personne-${index}@nulle-part.test`);
    }
    fixture.clock.advance(10 * MINUTE_MS);

    // The same refusal for an address with an account and one without: it tells nothing about either.
    for (const email of ['alice@coop-batisseurs.test', 'personne@nulle-part.test']) {
      const refusal = await requestFrom('192.0.2.7', email).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(RateLimitedError);
      expect(refusal).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 50 * 60, message: 'Trop de demandes de lien depuis cette adresse : réessayez dans 50 min.' });
    }
    await expect(requestFrom('198.51.100.1', 'personne@nulle-part.test')).resolves.toBeUndefined();
    fixture.clock.advance(50 * MINUTE_MS);
    await expect(requestFrom('192.0.2.7', 'personne@nulle-part.test')).resolves.toBeUndefined();
    expect(fixture.inbox.mails).toHaveLength(0);
    expect(await fixture.sender().sendDue()).toBe(PASSWORD_RESETS_PER_HOUR);
  });
});
