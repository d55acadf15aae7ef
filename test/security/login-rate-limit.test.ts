import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '../../api/login-rate-limit.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlFrom, type RunningServer, startServer } from '../support/mutua-server.js';
import { twoServersSharingAStore } from '../support/two-servers.js';

const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

const attempt = async (server: RunningServer, from: string, email: string, password = 'pas-le-bon-mot-de-passe') => {
  const answer = await graphqlFrom(server, from, LOGIN, { email, password });
  const error = answer.errors?.[0];
  return { code: error?.extensions?.code ?? 'SIGNED_IN', message: error?.message, retryAfterSeconds: error?.extensions?.retryAfterSeconds as number | undefined };
};

/** Two server processes on one data directory: the failures counted by one slow down the other. */
describe('the sign-in limits, on two processes sharing the store', () => {
  const servers = twoServersSharingAStore();
  const alternately = (index: number) => (index % 2 === 0 ? servers.first : servers.second);

  it('slows down the address that keeps failing on an e-mail, whichever process counted, and refuses it even the right password while it waits', async () => {
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) {
      expect((await attempt(alternately(index), '127.0.0.2', ADMIN_EMAIL)).code).toBe('UNAUTHENTICATED');
    }
    const refused = await attempt(servers.first, '127.0.0.2', ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.firstDelayMs / 1000);
    expect(refused.message).toMatch(/^Trop de tentatives de connexion : réessayez dans \d+ s\.$/);
    expect((await attempt(servers.second, '127.0.0.2', ADMIN_EMAIL, ADMIN_PASSWORD)).code).toBe('RATE_LIMITED');
  });

  it('never refuses the account’s holder, from another address, because of someone else’s failures', async () => {
    for (let index = 0; index < 12; index += 1) {
      expect(['UNAUTHENTICATED', 'RATE_LIMITED']).toContain((await attempt(alternately(index), '127.0.0.3', ADMIN_EMAIL)).code);
    }
    expect((await attempt(servers.second, '127.0.0.1', ADMIN_EMAIL, ADMIN_PASSWORD)).code).toBe('SIGNED_IN');
  });

  it('counts failures only: signing in again and again is never refused', async () => {
    for (let index = 0; index < 15; index += 1) {
      expect((await attempt(alternately(index), '127.0.0.4', ADMIN_EMAIL, ADMIN_PASSWORD)).code).toBe('SIGNED_IN');
    }
  });

  it('forgets the failures of an address on an e-mail once it signs in', async () => {
    for (let round = 0; round < 3; round += 1) {
      for (let index = 0; index < SIGN_IN_LIMITS.freeFailures - 1; index += 1) {
        expect((await attempt(alternately(index), '127.0.0.5', ADMIN_EMAIL)).code).toBe('UNAUTHENTICATED');
      }
      expect((await attempt(servers.first, '127.0.0.5', ADMIN_EMAIL, ADMIN_PASSWORD)).code).toBe('SIGNED_IN');
    }
  });
});

describe('the sign-in limit per client address', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it(`refuses failure number ${SIGN_IN_LIMITS.failuresPerAddress + 1} from one address, whatever the e-mails, and no other address`, async () => {
    const codes: string[] = [];
    for (let index = 0; index <= SIGN_IN_LIMITS.failuresPerAddress; index += 1) {
      codes.push((await attempt(server, '127.0.0.6', `personne-${index}@pole.test`)).code);
    }
    expect(codes.slice(0, SIGN_IN_LIMITS.failuresPerAddress)).toEqual(Array(SIGN_IN_LIMITS.failuresPerAddress).fill('UNAUTHENTICATED'));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect((await attempt(server, '127.0.0.6', ADMIN_EMAIL, ADMIN_PASSWORD)).code).toBe('RATE_LIMITED');
    expect((await attempt(server, '127.0.0.7', ADMIN_EMAIL, ADMIN_PASSWORD)).code).toBe('SIGNED_IN');
  });
});
