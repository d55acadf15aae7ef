import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, type Plugin } from 'graphql-yoga';
import helmet from 'helmet';
import { registerCalendarFeedRoutes } from './calendar-feeds/calendar-feed-routes.js';
import { type MutuaConfig } from './config.js';
import { exportsPlugin } from './exports.js';
import { stopGracefully } from './graceful-stop.js';
import { invoiceRoutes } from './invoicing/invoice-routes.js';
import { documentsThread } from './rendering/documents-thread.js';
import { fecThread } from './finance/fec-thread.js';
import { auditRoutesPlugin } from './audit/audit-routes.js';
import { bundleThread } from './audit/bundle/bundle-thread.js';
import { type Caller, type GraphQLContext } from './graphql/context.js';
import { toGraphQLError } from './graphql/errors.js';
import { registerHealth } from './health/health-route.js';
import { compiledExecution } from './graphql/compiled-execution.js';
import { type GraphQLServerContext, graphqlRouteHandler } from './graphql/graphql-route.js';
import { hardeningPlugins } from './graphql/hardening.js';
import { RowLookups } from './graphql/row-lookups.js';
import { POSITION_HEADER, positionNamed, readYourWrites, WAIT_FOR_POSITION_HEADER } from './graphql/read-your-writes.js';
import { schema } from './graphql/schema.js';
import { redactedRequest } from './logging/redacted-url.js';
import { type Mutua } from './mutua.js';

/** A GraphQL request body larger than this is refused before it is parsed. */
const MAX_BODY_BYTES = 256 * 1024;
/** The longest path parameter accepted: a credit note's `/invoices/<id>.xml` with four uuids, and room to spare. */
const MAX_PARAM_LENGTH = 400;

export interface ServerOptions {
  /**
   * Every GraphQL request through graphql-yoga's own HTTP adapter, none answered directly by
   * `graphql-route.ts`: the reference its answers are compared with in tests.
   */
  yogaAdapterOnly?: boolean;
}

export async function buildServer(mutua: Mutua, config: MutuaConfig, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Every logged address goes through redactedRequest: no token, download link or feed secret in the log.
    logger: { level: process.env.LOG_LEVEL ?? 'info', serializers: { req: redactedRequest } },
    bodyLimit: MAX_BODY_BYTES,
    // A credit note's file is named by its id, which holds the invoice it corrects' (some 160 characters): Fastify's default, 100, answered 414.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    trustProxy: trustProxyOption(config.trustedProxies),
  });
  const serverStopping = stopGracefully(app);
  addSecurityHeaders(app, config.production);
  answerMalformedRequestsWithACode(app);
  registerGraphQL(app, mutua, config, options, serverStopping);
  registerHealth(app, mutua.health, mutua.auth);
  registerCalendarFeedRoutes(app, mutua.calendarFeeds);
  const files = documentsThread();
  app.addHook('onClose', () => files.stop());
  const fecs = fecThread();
  app.addHook('onClose', () => fecs.stop());
  await app.register(exportsPlugin(mutua, config, { files, fecs }));
  await app.register(invoiceRoutes(mutua, files));
  const bundles = bundleThread();
  app.addHook('onClose', () => bundles.stop());
  await app.register(auditRoutesPlugin(mutua, config, bundles));
  await registerWebApp(app, config.webDirectory);
  return app;
}

/**
 * Helmet's headers on every answer, its Content-Security-Policy in production only (GraphiQL,
 * served outside production, would be blocked by it). Its middleware is built once, at start: the
 * Fastify plugin `@fastify/helmet` built it again for each request, parsing the policy each time.
 */
function addSecurityHeaders(app: FastifyInstance, production: boolean): void {
  const setHeaders = helmet({ contentSecurityPolicy: production ? undefined : false });
  app.addHook('onRequest', (request, reply, done) => setHeaders(request.raw, reply.raw, () => done()));
}

/**
 * Which peers' `X-Forwarded-*` headers Fastify believes. `request.ip`, the one client address the
 * sign-in and password-link limits and the log key on, is then found by walking from the TCP peer
 * leftwards through `X-Forwarded-For` while the address is a listed proxy: it is the rightmost
 * address no listed proxy stands for, the one the nearest proxy itself saw. `true` would trust every
 * address and take the leftmost entry, which the client writes as it likes; a hop count trusts the
 * n nearest hops whoever they are (Fastify 5.12 trusts none then). A list also keeps a client that
 * reaches Mutua without the proxy from naming itself. `request.protocol` and `request.host` follow
 * `X-Forwarded-Proto` and `X-Forwarded-Host` from a listed proxy only; links are built from
 * MUTUA_PUBLIC_URL in production whatever they say.
 */
function trustProxyOption(trustedProxies: readonly string[]): string[] | false {
  return trustedProxies.length > 0 ? [...trustedProxies] : false;
}

function registerGraphQL(
  app: FastifyInstance, mutua: Mutua, config: MutuaConfig, options: ServerOptions, serverStopping: AbortSignal,
): void {
  // Only signed-in callers are told the log's position: it says how busy the pôle is.
  const signedInContexts = new WeakMap<FastifyRequest, GraphQLContext>();
  const yoga = createYoga<GraphQLServerContext, GraphQLContext>({
    schema,
    // The web app is served from the API's own origin; other sites' pages get no answer they may read.
    cors: false,
    plugins: [
      authenticateOnParams(mutua), ...hardeningPlugins({ production: config.production }),
      readYourWrites(mutua.readModels, mutua.answeredAhead), compiledExecution(),
    ],
    graphiql: !config.production,
    logging: {
      debug: (...args) => app.log.debug(args),
      info: (...args) => app.log.info(args),
      warn: (...args) => app.log.warn(args),
      error: (...args) => app.log.error(args),
    },
    maskedErrors: {
      // Expected failures keep their code and French message; anything else is masked.
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        const expected = toGraphQLError(original);
        if (expected instanceof GraphQLError && original !== undefined && expected !== original) {
          return new GraphQLError(expected.message, { ...expected, path: error instanceof GraphQLError ? error.path : undefined });
        }
        return maskError(error, message, isDev);
      },
    },
    context: ({ req, caller }) => {
      const context = requestContext(mutua, req, caller, config, serverStopping);
      if (context.actor) signedInContexts.set(req, context);
      return context;
    },
  });

  app.route({
    url: yoga.graphqlEndpoint,
    method: ['GET', 'POST', 'OPTIONS'],
    // A query's position is taken as it began (`readYourWrites`); a mutation's as the answer
    // leaves, so that it includes the mutation's own events, folded or answered ahead.
    onSend: async (req, reply, payload) => {
      const context = signedInContexts.get(req);
      if (context) void reply.header(POSITION_HEADER, String(context.answerReflects.position ?? mutua.answeredAhead.position));
      return payload;
    },
    handler: options.yogaAdapterOnly
      ? (req, reply) => yoga.handleNodeRequestAndResponse(req, reply, { req, reply })
      : graphqlRouteHandler(yoga),
  });
}

/**
 * A body that is not JSON, too large, or of another type never reaches GraphQL: it is answered
 * in GraphQL's shape all the same, with the contract's code.
 */
function answerMalformedRequestsWithACode(app: FastifyInstance): void {
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const statusCode = error.statusCode ?? 500;
    if (statusCode >= 500) {
      request.log.error(error);
      return reply.code(500).send({ errors: [{ message: 'Erreur inattendue.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
    return reply.code(statusCode).send({ errors: [{ message: `Requête invalide : ${error.message}`, extensions: { code: 'VALIDATION_FAILED' } }] });
  });
}

/**
 * The caller is known as soon as the request's parameters are, on the JSON shortcut and through
 * yoga's adapter alike: validation, which yoga runs before it builds the context, refuses
 * introspection to anonymous callers and keeps field names from them (`hardening.ts`).
 */
function authenticateOnParams(mutua: Mutua): Plugin<GraphQLContext, GraphQLServerContext> {
  return {
    async onParams({ context }) {
      context.caller = await callerOf(mutua, context.req);
    },
  };
}

async function callerOf(mutua: Mutua, req: FastifyRequest): Promise<Caller> {
  const header = req.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
  if (!token) return { actor: null, token };
  try {
    return { actor: await mutua.auth.authenticate(token), token };
  } catch (refusal) {
    return { actor: null, token, refusal };
  }
}

function requestContext(
  mutua: Mutua, req: FastifyRequest, caller: Caller | undefined, config: MutuaConfig, serverStopping: AbortSignal,
): GraphQLContext {
  if (caller === undefined) throw new Error('A GraphQL request reached its context without its parameters being seen');
  if (caller.refusal !== undefined) throw toGraphQLError(caller.refusal);
  const correlationHeader = req.headers['x-correlation-id'];
  const correlationId = typeof correlationHeader === 'string' && /^[\w-]{1,100}$/.test(correlationHeader)
    ? correlationHeader
    : randomUUID();
  const baseUrl = config.publicUrl ?? `${req.protocol}://${req.host}`;
  // Only signed-in callers are told positions, and only theirs are waited for.
  const positionSeen = caller.actor ? positionNamed(req.headers[WAIT_FOR_POSITION_HEADER]) : -1;
  return {
    mutua, actor: caller.actor, token: caller.token, correlationId, baseUrl, rows: new RowLookups(mutua.readModels), clientAddress: req.ip, positionSeen,
    answerReflects: {}, serverStopping,
  };
}

/** Serves the built React app, and its index for every client-side route. */
async function registerWebApp(app: FastifyInstance, webDirectory: string): Promise<void> {
  if (!existsSync(webDirectory)) {
    app.log.warn(`No web app at ${webDirectory}: run "npm run build" to serve the interface.`);
    // Fastify's own answer would log the address in full, secrets included (`Route GET:<url> not found`).
    app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'Not found' }));
    return;
  }
  await app.register(fastifyStatic, { root: webDirectory, wildcard: false });
  app.setNotFoundHandler((request, reply) =>
    request.method === 'GET' && !request.url.startsWith('/graphql')
      ? reply.sendFile('index.html')
      : reply.code(404).send({ error: 'Not found' }),
  );
}
