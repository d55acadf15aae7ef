import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_ATTEMPTS_PER_EMAIL } from '../../api/login-rate-limit.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningServer, startServer } from '../support/mutua-server.js';
import { twoServersSharingAStore } from '../support/two-servers.js';

const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

const attempt = async (server: RunningServer, email: string, password = 'pas-le-bon-mot-de-passe') => {
  const answer = await server.graphql<{ login: { token: string } }>(LOGIN, { email, password });
  return { code: answer.errors?.[0]?.extensions?.code ?? 'SIGNED_IN', retryAfterSeconds: answer.errors?.[0]?.extensions?.retryAfterSeconds };
};

/** Two server processes on one data directory: the limit holds for both together. */
describe('the sign-in limit per e-mail, on two processes sharing the store', () => {
  const servers = twoServersSharingAStore();

  it(`refuses attempt number ${LOGIN_ATTEMPTS_PER_EMAIL.max + 1} on one e-mail, even with the right password, whichever process counted the others`, async () => {
    for (let index = 0; index < LOGIN_ATTEMPTS_PER_EMAIL.max; index += 1) {
      expect((await attempt(index % 2 === 0 ? servers.first : servers.second, ADMIN_EMAIL)).code).toBe('UNAUTHENTICATED');
    }
    const refused = await attempt(servers.first, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  });
});

describe('the sign-in limit per client address', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it(`refuses attempt number ${LOGIN_ATTEMPTS_PER_ADDRESS.max + 1} from one address within a minute, whatever the e-mail`, async () => {
    const codes: string[] = [];
    for (let index = 0; index <= LOGIN_ATTEMPTS_PER_ADDRESS.max; index += 1) {
      codes.push((await attempt(server, `personne-${index}@pole.test`)).code);
    }
    expect(codes.slice(0, LOGIN_ATTEMPTS_PER_ADDRESS.max)).toEqual(Array(LOGIN_ATTEMPTS_PER_ADDRESS.max).fill('UNAUTHENTICATED'));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });
});
