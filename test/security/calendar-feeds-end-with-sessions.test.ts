import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_PASSWORD, CREATE_USER, REGISTER_RESOURCE, REQUEST_PASSWORD_RESET, RESET_PASSWORD } from '../integration/graphql-documents.js';
import { linkTokenIn } from '../mail/mail-fixture.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs } from '../support/mutua-server.js';
import { type ServerOnTestClock, startServerOnClock } from '../support/server-on-test-clock.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { TestClock } from '../support/test-clocks.js';

const PASSWORD = 'un-mot-de-passe-assez-long';
const CHANGED = 'salicorne-et-flamant-rose-2025';
const CREATE_FEED = 'mutation($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { id url } }';
const FEEDS = '{ calendarFeeds { id } }';
const SIGN_OUT_EVERYWHERE = 'mutation($id: ID!) { revokeAllSessions(userId: $id) }';

/**
 * A calendar feed's secret address is a credential that outlives any session: what ends a
 * person's other sessions (« se déconnecter partout », a new password) revokes their addresses too.
 */
describe('calendar feed addresses end with the sessions', () => {
  const clock = new TestClock('2025-03-01T09:00:00Z');
  const inbox = new SmtpInbox();
  let server: ServerOnTestClock;
  let coordinator: string;
  let resourceId: string;

  beforeAll(async () => {
    await inbox.start();
    server = await startServerOnClock(clock, { inbox });
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const registered = await server.graphql<{ registerResource: { id: string } }>(REGISTER_RESOURCE, { input: { name: 'Salle', kind: 'SPACE' } }, coordinator);
    resourceId = registered.data!.registerResource.id;
  });
  afterAll(async () => {
    await server?.stop();
    await inbox.stop();
  });

  /** A new account, signed in, with one calendar address of the room: its session and the address's path. */
  const personWithAFeed = async (email: string) => {
    const created = await server.graphql<{ createUser: { id: string } }>(CREATE_USER, { input: { email, password: PASSWORD, role: 'TREASURER' } }, coordinator);
    const session = await loginAs(server, email, PASSWORD);
    const feed = await server.graphql<{ createCalendarFeed: { url: string } }>(CREATE_FEED, { input: { resourceId } }, session);
    const path = new URL(feed.data!.createCalendarFeed.url).pathname;
    expect((await fetch(`${server.url}${path}`)).status).toBe(200);
    return { userId: created.data!.createUser.id, session, path };
  };
  const statusOf = async (path: string) => (await fetch(`${server.url}${path}`)).status;
  const feedsListed = async (session: string) => (await server.graphql<{ calendarFeeds: unknown[] }>(FEEDS, {}, session)).data!.calendarFeeds;

  it('revokes every address of a person who signs out everywhere; a new one works', async () => {
    const { userId, session, path } = await personWithAFeed('sortie@pole.test');
    expect((await server.graphql(SIGN_OUT_EVERYWHERE, { id: userId }, session)).errors).toBeUndefined();

    expect(await statusOf(path)).toBe(404);
    // Signing in again a moment later: a session opened in the very millisecond of the sign-out ends with it.
    await clock.advance(1_000);
    const again = await loginAs(server, 'sortie@pole.test', PASSWORD);
    expect(await feedsListed(again)).toEqual([]);
    const fresh = await server.graphql<{ createCalendarFeed: { url: string } }>(CREATE_FEED, { input: { resourceId } }, again);
    expect(await statusOf(new URL(fresh.data!.createCalendarFeed.url).pathname)).toBe(200);
  });

  it('revokes them when a coordinator signs the person out everywhere', async () => {
    const { userId, path } = await personWithAFeed('signalee@pole.test');
    await server.graphql(SIGN_OUT_EVERYWHERE, { id: userId }, coordinator);
    expect(await statusOf(path)).toBe(404);
  });

  it('revokes them when the person changes their password, while the session that asked goes on', async () => {
    const { session, path } = await personWithAFeed('prudente@pole.test');
    expect((await server.graphql(CHANGE_PASSWORD, { current: PASSWORD, next: CHANGED }, session)).errors).toBeUndefined();

    expect(await statusOf(path)).toBe(404);
    expect(await feedsListed(session)).toEqual([]);
  });

  it('revokes them when the password is chosen again through a reset link', async () => {
    const { path } = await personWithAFeed('oublieuse@pole.test');
    const before = inbox.mails.length;
    await server.graphql(REQUEST_PASSWORD_RESET, { email: 'oublieuse@pole.test' });
    const token = linkTokenIn((await inbox.waitFor(before + 1)).at(-1)!.text);
    expect((await server.graphql(RESET_PASSWORD, { token, password: CHANGED })).data).toEqual({ resetPassword: true });

    expect(await statusOf(path)).toBe(404);
  });
});
