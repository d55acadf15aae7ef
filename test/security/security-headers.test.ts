import { rmSync } from 'node:fs';
import { type FastifyInstance, type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../api/config.js';
import { type Mutua, openMutua } from '../../api/mutua.js';
import { buildServer } from '../../api/server.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, temporaryDataDirectory } from '../support/mutua-server.js';

/** Helmet's headers other than the policy, as a browser reads them on every answer. */
const HEADERS_EVERYWHERE = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
} as const;

/** An answer of each kind: the JSON shortcut, graphql-yoga's adapter, a route of its own, a path that does not exist, a refused body. */
const REQUESTS: Array<[string, InjectOptions]> = [
  ['a GraphQL POST', { method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: { query: '{ __typename }' } }],
  ['a GraphQL GET', { method: 'GET', url: '/graphql?query=%7B__typename%7D', headers: { accept: 'application/graphql-response+json' } }],
  ['the health check', { method: 'GET', url: '/health' }],
  ['an unknown path', { method: 'GET', url: '/nulle-part' }],
  ['a malformed body', { method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{' }],
];

/**
 * Every answer carries helmet's security headers, built once when the server starts (the Fastify
 * plugin built them again for each request); the Content-Security-Policy in production only.
 */
describe('security headers', () => {
  let directory: string;
  let mutua: Mutua;
  let production: FastifyInstance;
  let development: FastifyInstance;

  beforeAll(async () => {
    directory = temporaryDataDirectory();
    process.env.LOG_LEVEL = 'silent';
    const environment = { MUTUA_DATA_DIR: directory, MUTUA_ADMIN_EMAIL: ADMIN_EMAIL, MUTUA_ADMIN_PASSWORD: ADMIN_PASSWORD };
    const productionConfig = readConfig({ ...environment, NODE_ENV: 'production' });
    mutua = await openMutua(productionConfig, { warn: () => undefined, info: () => undefined });
    production = await buildServer(mutua, productionConfig);
    development = await buildServer(mutua, readConfig({ ...environment, NODE_ENV: 'development' }));
  });
  afterAll(async () => {
    await production?.close();
    await development?.close();
    await mutua?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it.each(REQUESTS)('in production, %s carries them with the Content-Security-Policy', async (_what, request) => {
    const { headers } = await production.inject(request);
    expect(headers).toMatchObject(HEADERS_EVERYWHERE);
    const policy = String(headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
  });

  it.each(REQUESTS)('in development, %s carries them without the policy (GraphiQL would be blocked by it)', async (_what, request) => {
    const { headers } = await development.inject(request);
    expect(headers).toMatchObject(HEADERS_EVERYWHERE);
    expect(headers['content-security-policy']).toBeUndefined();
  });
});
