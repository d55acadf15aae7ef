import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTokenIn } from '../mail/mail-fixture.js';
import { CHANGE_PASSWORD, CREATE_USER, REQUEST_PASSWORD_RESET, RESET_PASSWORD } from '../integration/graphql-documents.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs } from '../support/mutua-server.js';
import { type ServerOnTestClock, startServerOnClock } from '../support/server-on-test-clock.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { TestClock } from '../support/test-clocks.js';

const PASSWORD = 'un-mot-de-passe-assez-long';
const CHANGED = 'salicorne-et-flamant-rose-2025';
const CHOSEN = 'barque-catalane-sous-la-tramontane';
const INVITE = 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }';
const HOLDER = 'query($token: String!) { oneTimeLink(token: $token) { email purpose } }';
const SUPERSEDED = {
  code: 'LINK_SUPERSEDED',
  message: 'Ce lien n’est plus valable : le mot de passe du compte a changé depuis son envoi.',
};

/**
 * An invitation or reset link is for the password the account had when it was sent: once the
 * password changes another way, every older link of the account is refused, over HTTP.
 */
describe('one-time links after the password changed another way', () => {
  const clock = new TestClock('2025-03-01T09:00:00Z');
  const inbox = new SmtpInbox();
  let server: ServerOnTestClock;
  let coordinator: string;

  beforeAll(async () => {
    await inbox.start();
    server = await startServerOnClock(clock, { inbox });
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await server?.stop();
    await inbox.stop();
  });

  /** The token of the next mail sent to `email`. */
  const nextLinkTo = async (email: string) => {
    const before = inbox.mails.length;
    const mails = await inbox.waitFor(before + 1);
    const mail = mails.slice(before).find((received) => received.to.includes(email));
    if (!mail) throw new Error(`No mail to ${email}`);
    return linkTokenIn(mail.text);
  };
  const refusalOf = async (query: string, variables: Record<string, unknown>) => {
    const [error] = (await server.graphql(query, variables)).errors ?? [];
    return error && { code: error.extensions?.code, message: error.message };
  };
  const resetLinkFor = async (email: string) => {
    const sent = nextLinkTo(email);
    expect((await server.graphql(REQUEST_PASSWORD_RESET, { email })).data).toEqual({ requestPasswordReset: true });
    return sent;
  };

  it('refuses a reset link once the person changed their password while signed in, and keeps the changed one', async () => {
    const email = 'tresoriere@daurades.test';
    await server.graphql(CREATE_USER, { input: { email, password: PASSWORD, role: 'TREASURER' } }, coordinator);
    const link = await resetLinkFor(email);
    const session = await loginAs(server, email, PASSWORD);
    expect((await server.graphql(CHANGE_PASSWORD, { current: PASSWORD, next: CHANGED }, session)).errors).toBeUndefined();

    expect(await refusalOf(HOLDER, { token: link })).toEqual(SUPERSEDED);
    expect(await refusalOf(RESET_PASSWORD, { token: link, password: CHOSEN })).toEqual(SUPERSEDED);
    expect(await loginAs(server, email, CHANGED)).toMatch(/\S{20}/);
  });

  it('refuses an invitation and an older reset link once another reset link was used', async () => {
    const email = 'benevole@daurades.test';
    const invited = nextLinkTo(email);
    await server.graphql(INVITE, { input: { email, role: 'AUDITOR' } }, coordinator);
    const invitation = await invited;
    const firstReset = await resetLinkFor(email);
    const secondReset = await resetLinkFor(email);
    expect((await server.graphql(HOLDER, { token: invitation })).data).toEqual({ oneTimeLink: { email, purpose: 'INVITATION' } });

    expect((await server.graphql(RESET_PASSWORD, { token: secondReset, password: CHOSEN })).data).toEqual({ resetPassword: true });

    for (const token of [invitation, firstReset]) expect(await refusalOf(RESET_PASSWORD, { token, password: CHANGED })).toEqual(SUPERSEDED);
    // The link used keeps its own refusal, which says it served.
    expect((await refusalOf(RESET_PASSWORD, { token: secondReset, password: CHANGED }))?.code).toBe('LINK_USED');
    expect(await loginAs(server, email, CHOSEN)).toMatch(/\S{20}/);
  });
});
