import { REQUEST_PASSWORD_RESET } from '../integration/graphql-documents.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_RESET_LIMITS, SIGN_IN_LIMITS } from '../../api/login-rate-limit.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlFrom, type RunningServer, startServer } from '../support/mutua-server.js';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
/** The loopback address the tests' "reverse proxy" connects from. */
const PROXY = '127.0.0.1';

/** The answer's code: its error's, or ASKED / SIGNED_IN when it went through. */
const codeOf = (answer: Awaited<ReturnType<typeof graphqlFrom>>, success: string) => answer.errors?.[0]?.extensions?.code ?? success;

/** A request for a password link, from `from`, saying (as a proxy would) that it forwards `forwardedFor`. */
const askForLink = async (server: RunningServer, from: string, forwardedFor: string | undefined, email = 'personne@nulle-part.test') =>
  codeOf(await graphqlFrom(server, from, REQUEST_PASSWORD_RESET, { email }, forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }), 'ASKED');

/** Uses up the per-address allowance of password link requests, each request forwarding `forwardedFor(index)`. */
async function useUpLinkRequests(server: RunningServer, from: string, forwardedFor: (index: number) => string): Promise<void> {
  const codes: string[] = [];
  for (let index = 0; index < PASSWORD_RESET_LIMITS.requestsPerAddress; index += 1) {
    codes.push(await askForLink(server, from, forwardedFor(index), `personne-${index}@nulle-part.test`));
  }
  expect(codes).toEqual(Array(PASSWORD_RESET_LIMITS.requestsPerAddress).fill('ASKED'));
}

const signIn = async (server: RunningServer, forwardedFor: string, password: string) =>
  codeOf(await graphqlFrom(server, PROXY, LOGIN, { email: ADMIN_EMAIL, password }, { 'x-forwarded-for': forwardedFor }), 'SIGNED_IN');

describe('without MUTUA_TRUSTED_PROXIES', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('ignores X-Forwarded-For: a client cannot escape the limit of its own address by naming another', async () => {
    await useUpLinkRequests(server, PROXY, () => '203.0.113.1');

    expect(await askForLink(server, PROXY, '203.0.113.2')).toBe('RATE_LIMITED');
    expect(await askForLink(server, PROXY, undefined)).toBe('RATE_LIMITED');
    expect(await askForLink(server, '127.0.0.2', '203.0.113.1')).toBe('ASKED');
  });
});

describe('with MUTUA_TRUSTED_PROXIES naming the reverse proxy', () => {
  let server: RunningServer;

  beforeAll(async () => {
    // The log at info names every request's client address.
    server = await startServer({ env: { MUTUA_TRUSTED_PROXIES: PROXY, LOG_LEVEL: 'info' } });
  });
  afterAll(() => server?.stop());

  it('limits each forwarded address on its own, never the proxy, and logs the forwarded address', async () => {
    await useUpLinkRequests(server, PROXY, () => '198.51.100.1');

    expect(await askForLink(server, PROXY, '198.51.100.1')).toBe('RATE_LIMITED');
    expect(await askForLink(server, PROXY, '198.51.100.2')).toBe('ASKED');
    expect(await askForLink(server, PROXY, undefined)).toBe('ASKED');
    expect(server.output()).toContain('"remoteAddress":"198.51.100.1"');
  });

  it('slows down sign-in failures of one forwarded address on an e-mail, and not the account’s holder behind the same proxy', async () => {
    const failures: string[] = [];
    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) failures.push(await signIn(server, '198.51.100.3', 'pas-le-bon-mot-de-passe'));
    expect(failures).toEqual(Array(SIGN_IN_LIMITS.freeFailures).fill('UNAUTHENTICATED'));

    expect(await signIn(server, '198.51.100.3', ADMIN_PASSWORD)).toBe('RATE_LIMITED');
    expect(await signIn(server, '198.51.100.4', ADMIN_PASSWORD)).toBe('SIGNED_IN');
  });

  it('keys a forged chain by the address the proxy saw, the rightmost it does not stand for', async () => {
    // Each request forges another leftmost address: the proxy appended the real one after it.
    await useUpLinkRequests(server, PROXY, (index) => `192.0.2.${index + 1}, 198.51.100.5`);

    expect(await askForLink(server, PROXY, '198.51.100.5')).toBe('RATE_LIMITED');
    expect(await askForLink(server, PROXY, '192.0.2.200, 198.51.100.5')).toBe('RATE_LIMITED');
    expect(await askForLink(server, PROXY, '192.0.2.1')).toBe('ASKED');
  });

  it('ignores X-Forwarded-For from a client that reaches Mutua without going through the proxy', async () => {
    await useUpLinkRequests(server, '127.0.0.2', (index) => `203.0.113.${index + 1}`);

    expect(await askForLink(server, '127.0.0.2', '203.0.113.250')).toBe('RATE_LIMITED');
  });
});
