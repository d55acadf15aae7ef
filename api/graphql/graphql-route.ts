import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type DocumentNode, type ExecutionResult, Kind, OperationTypeNode, parse } from 'graphql';
import { createLRUCache, type GraphQLParams, isAsyncIterable, processRegularResult, type YogaServerInstance } from 'graphql-yoga';
import { type Caller, type GraphQLContext } from './context.js';
import { QUERY_LIMITS, withContractCodes } from './hardening.js';

export interface GraphQLServerContext {
  req: FastifyRequest;
  reply: FastifyReply;
  /** Set when the request's parameters arrive, before its document is validated (`server.ts`). */
  caller?: Caller;
}

type Yoga = YogaServerInstance<GraphQLServerContext, GraphQLContext>;

/** The two media types of a single GraphQL answer in JSON, as graphql-yoga names them. */
type JsonAnswerType = 'application/json' | 'application/graphql-response+json';

/** A result as graphql-jit returns it: with the serialiser compiled for its document. */
type ExecutedResult = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

/** Documents whose operation kinds are remembered, as yoga remembers parsed documents. */
const REMEMBERED_DOCUMENTS = 1_000;

/**
 * The handler of `/graphql`. graphql-yoga answers every kind of GraphQL request — GET, live
 * updates as server-sent events, multipart, malformed parameters — through its Fetch API adapter,
 * which turns Node's request and response into Fetch objects and back. For the request nearly every
 * client sends (a POST whose JSON body holds one query or mutation, from a client that takes a JSON
 * answer) that adapter was a third of the server's CPU time under load. Such a request is handed
 * straight to the same yoga pipeline — its parameter checks, the envelop plugins (parser cache,
 * armor limits, permissions, error masking, compiled execution) and its execution-result hooks —
 * and an answer without errors is written here. An answer with errors is shaped by yoga's own
 * result processor, so that its status code and body are yoga's. Everything else goes to yoga.
 */
export function graphqlRouteHandler(yoga: Yoga) {
  const holdsSubscription = subscriptionDetector();
  return async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const serverContext = { req, reply };
    const answerType = req.method === 'POST' ? jsonAnswerAccepted(req.headers.accept) : null;
    if (answerType === null || !isSingleOperationBody(req.body) || holdsSubscription(req.body.query)) {
      return yoga.handleNodeRequestAndResponse(req, reply, serverContext);
    }
    // Yoga's plugins read the request's method and headers; its URL is for yoga's routing, done by Fastify here.
    const request = new yoga.fetchAPI.Request(`http://localhost${yoga.graphqlEndpoint}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
    });
    const result = await yoga.getResultForParams({ params: req.body, request }, serverContext);
    if (result === undefined || isAsyncIterable(result)) {
      throw new Error('A query or mutation gave no single result: it must be answered by yoga');
    }
    return send(reply, result, answerType, yoga);
  };
}

async function send(reply: FastifyReply, result: ExecutedResult, answerType: JsonAnswerType, yoga: Yoga): Promise<string> {
  if (!result.errors?.length && !result.extensions?.http) {
    reply.code(200).header('content-type', `${answerType}; charset=utf-8`);
    return (result.stringify ?? JSON.stringify)(result);
  }
  const response = processRegularResult(withContractCodes(result), yoga.fetchAPI, answerType);
  reply.code(response.status);
  response.headers.forEach((value, name) => void reply.header(name, value));
  return response.text();
}

/**
 * The media type yoga would answer a query or mutation with, or null when the client takes no
 * JSON answer: the first of the client's `Accept` entries in UTF-8 that a JSON answer matches,
 * whatever its weight; `*∕*` and `application/*` give `application/json` (graphql-yoga 5's
 * `useResultProcessors`, kept in step by `test/integration/graphql-route.test.ts`).
 */
export function jsonAnswerAccepted(accept: string | undefined): JsonAnswerType | null {
  for (const entry of (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',')) {
    const [mediaType = '', ...parameters] = entry.split(';');
    const charset = parameters.find((parameter) => parameter.includes('charset=')) ?? 'charset=utf-8';
    if (charset !== 'charset=utf-8') continue;
    if (mediaTypeMatches(mediaType, 'application/json')) return 'application/json';
    if (mediaTypeMatches(mediaType, 'application/graphql-response+json')) return 'application/graphql-response+json';
  }
  return null;
}

function mediaTypeMatches(asked: string, answered: string): boolean {
  const [askedType, askedSubtype] = asked.split('/');
  const [type, subtype] = answered.split('/');
  return (askedType === '*' || askedType === type) && (askedSubtype === '*' || askedSubtype === subtype);
}

/** Exactly the parameters yoga accepts, well typed: anything else goes to yoga, which says what is wrong. */
function isSingleOperationBody(body: unknown): body is GraphQLParams & { query: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const params = body as Record<string, unknown>;
  const isObjectOrAbsent = (value: unknown) => value == null || (typeof value === 'object' && !Array.isArray(value));
  return typeof params.query === 'string'
    && isObjectOrAbsent(params.variables)
    && isObjectOrAbsent(params.extensions)
    && (params.operationName == null || typeof params.operationName === 'string')
    && Object.keys(params).every((key) => ['query', 'variables', 'operationName', 'extensions'].includes(key));
}

/**
 * Whether a document holds a subscription, which yoga answers as a stream. A document that does
 * not parse (or has more tokens than the armor allows) is said to hold one, and is not remembered:
 * yoga then reports what is wrong with it.
 */
function subscriptionDetector(): (query: string) => boolean {
  const remembered = createLRUCache<{ holdsSubscription: boolean }>({ max: REMEMBERED_DOCUMENTS });
  return (query) => {
    const known = remembered.get(query);
    if (known) return known.holdsSubscription;
    let document: DocumentNode;
    try {
      document = parse(query, { noLocation: true, maxTokens: QUERY_LIMITS.maxTokens });
    } catch {
      return true;
    }
    const holdsSubscription = document.definitions.some(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION,
    );
    remembered.set(query, { holdsSubscription });
    return holdsSubscription;
  };
}
