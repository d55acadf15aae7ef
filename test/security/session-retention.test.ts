import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, KEEP_ENDED_SESSIONS_MS } from '../../api/auth/auth-service.js';
import { CREATE_USER } from '../integration/graphql-documents.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs } from '../support/mutua-server.js';
import { type ServerOnTestClock, startServerOnClock } from '../support/server-on-test-clock.js';
import { TestClock } from '../support/test-clocks.js';

const PASSWORD = 'un-mot-de-passe-assez-long';
const HOUR_MS = 3_600_000;
const SESSION_HOURS = 12;

/**
 * A session's row is personal data (who signed in, when): it is deleted once the session has been
 * over for the retention period, whichever way it ended, over HTTP on a clock the test moves.
 */
describe('sessions kept 30 days after they end', () => {
  const clock = new TestClock('2025-03-01T09:00:00Z');
  let server: ServerOnTestClock;

  beforeAll(async () => {
    server = await startServerOnClock(clock);
    const coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const email of ['alice@pole.test', 'bruno@pole.test']) {
      await server.graphql(CREATE_USER, { input: { email, password: PASSWORD, role: 'AUDITOR' } }, coordinator);
    }
  });
  afterAll(() => server?.stop());

  /** Which of `tokens` still have a row in the store's sessions table. */
  const stored = (tokens: Record<string, string>) => {
    const database = new Database(join(server.dataDirectory, 'mutua.sqlite'), { readonly: true });
    try {
      const hashes = new Set(database.prepare<[], string>('SELECT token_hash FROM sessions').pluck().all());
      return Object.entries(tokens).filter(([, token]) => hashes.has(hashToken(token))).map(([name]) => name);
    } finally {
      database.close();
    }
  };
  const meWith = async (token: string) => (await server.graphql<{ me: { email: string } | null }>('{ me { email } }', {}, token)).data?.me?.email;

  it('deletes a session 30 days after it was signed out, closed everywhere or expired, at a later sign-in, and keeps the others', async () => {
    const signedOut = await loginAs(server, 'alice@pole.test', PASSWORD);
    await server.graphql('mutation { logout }', {}, signedOut);
    const expiring = await loginAs(server, 'alice@pole.test', PASSWORD);
    const closed = await loginAs(server, 'bruno@pole.test', PASSWORD);
    const bruno = (await server.graphql<{ me: { id: string } }>('{ me { id } }', {}, closed)).data!.me.id;
    await server.graphql('mutation($id: ID!) { revokeAllSessions(userId: $id) }', { id: bruno }, closed);
    const sessions = { signedOut, expiring, closed };
    expect(stored(sessions)).toEqual(['signedOut', 'expiring', 'closed']);

    // Thirty days and an hour on: the sessions that ended then go; the one that expired 12 hours later stays.
    await clock.advance(KEEP_ENDED_SESSIONS_MS + HOUR_MS);
    const later = await loginAs(server, 'alice@pole.test', PASSWORD);
    expect(stored({ ...sessions, later })).toEqual(['expiring', 'later']);

    // Eleven hours and a half more: it expired more than 30 days ago; the one opened just before is still valid.
    await clock.advance((SESSION_HOURS - 0.5) * HOUR_MS);
    const latest = await loginAs(server, 'bruno@pole.test', PASSWORD);
    expect(stored({ ...sessions, later, latest })).toEqual(['later', 'latest']);
    expect(await meWith(later)).toBe('alice@pole.test');
    expect(await meWith(latest)).toBe('bruno@pole.test');
  });
});
