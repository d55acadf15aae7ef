import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_PASSWORD_RESET } from '../integration/graphql-documents.js';
import { PASSWORD_RESETS_PER_HOUR } from '../../api/auth/account-links.js';
import { PASSWORD_RESET_LIMITS } from '../../api/login-rate-limit.js';
import { ADMIN_EMAIL, graphqlFrom, type RunningServer, startServer } from '../support/mutua-server.js';

/** The public « Mot de passe oublié ? » request, through a real server process and its SQLite store. */
describe('the password reset limits, over HTTP', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  const request = (from: string, email: string) => graphqlFrom(server, from, REQUEST_PASSWORD_RESET, { email });
  /**
   * The reset mails the outbox holds for the account of `email`, sent or not: a sent mail keeps
   * only its key (its recipient and body are wiped), which names its link, which names the account.
   */
  const resetMailsTo = (email: string) => {
    const database = new Database(join(server.dataDirectory, 'mutua.sqlite'), { readonly: true });
    try {
      return database.prepare<[string], number>(`
        SELECT count(*) FROM mail_outbox
        JOIN one_time_links ON mail_key = 'password-reset:' || token_hash
        JOIN users USING (user_id)
        WHERE users.email = ?
      `).pluck().get(email);
    } finally {
      database.close();
    }
  };

  it(`answers true to every request, and queues ${PASSWORD_RESETS_PER_HOUR} reset mails for the account at most`, async () => {
    const answers = [];
    for (let index = 0; index <= PASSWORD_RESETS_PER_HOUR; index += 1) answers.push(await request('127.0.0.2', ADMIN_EMAIL));

    expect(answers).toEqual(Array.from({ length: PASSWORD_RESETS_PER_HOUR + 1 }, () => ({ data: { requestPasswordReset: true } })));
    expect(resetMailsTo(ADMIN_EMAIL)).toBe(PASSWORD_RESETS_PER_HOUR);
    // From another client address too: the limit is the account's.
    expect(await request('127.0.0.3', ADMIN_EMAIL.toUpperCase())).toEqual({ data: { requestPasswordReset: true } });
    expect(resetMailsTo(ADMIN_EMAIL)).toBe(PASSWORD_RESETS_PER_HOUR);
  });

  it('refuses a client address that keeps asking with RATE_LIMITED, whatever the e-mail, and no other address', async () => {
    for (let index = 0; index < PASSWORD_RESET_LIMITS.requestsPerAddress; index += 1) {
      expect(await request('127.0.0.4', `personne-${index}@nulle-part.test`)).toEqual({ data: { requestPasswordReset: true } });
    }

    const refused = await request('127.0.0.4', 'personne@nulle-part.test');
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(PASSWORD_RESET_LIMITS.addressWindowMs / 1000);
    expect(refused.errors?.[0]?.message).toMatch(/^Trop de demandes de lien depuis cette adresse : réessayez dans \d+ min\.$/);
    expect(await request('127.0.0.5', 'personne@nulle-part.test')).toEqual({ data: { requestPasswordReset: true } });
  });
});
