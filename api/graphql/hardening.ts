import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { type ASTVisitor, type ExecutionResult, GraphQLError, type ValidationContext } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { type GraphQLContext } from './context.js';

/**
 * Limits on what one GraphQL document may ask, so that a single request cannot exhaust the
 * server. The web app's deepest query is 5 levels; the limits leave room for integrators.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxCost: 5_000,
  maxAliases: 15,
  maxTokens: 3_000,
} as const;

/** The armor's own rejections carry no code: each is reported again with ours. */
function rejectWithCode(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(`Requête refusée : ${error.message}`, { extensions: { code: 'QUERY_TOO_COMPLEX' } }));
}

const armor = { propagateOnRejection: false, onReject: [rejectWithCode], exposeLimits: true };

export function hardeningPlugins(options: { production: boolean }): Plugin<GraphQLContext>[] {
  return [
    contractErrorCodes(),
    maxDepthPlugin({ ...armor, n: QUERY_LIMITS.maxDepth }),
    costLimitPlugin({ ...armor, maxCost: QUERY_LIMITS.maxCost }),
    maxAliasesPlugin({ ...armor, n: QUERY_LIMITS.maxAliases }),
    maxTokensPlugin({ ...armor, n: QUERY_LIMITS.maxTokens }),
    ...(options.production ? [introspectionForSignedInOnly()] : []),
  ] as Plugin<GraphQLContext>[];
}

/** The codes of the public contract, and ours beside them; anything else a client sees is renamed. */
const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'NOT_FOUND', 'RESERVATION_CONFLICT', 'OUTSIDE_OPENING_HOURS',
  'BOOKING_RULE_VIOLATED', 'PERIOD_CLOSED', 'CONCURRENCY_CONFLICT', 'MEMBER_INACTIVE', 'NO_ALLOCATION_WEIGHT',
  'STORE_UNAVAILABLE', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED', 'INTERNAL_SERVER_ERROR', 'WRONG_PASSWORD',
]);

/**
 * graphql-js and graphql-yoga report malformed documents and variables with codes of their own
 * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED) or none at all: for a client they are all
 * VALIDATION_FAILED, the original code kept beside it. Applied to every answer yoga writes, and by
 * `graphql-route.ts` to the answers with errors it writes itself.
 */
export function withContractCodes(result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: result.errors.map(withContractCode) } : result;
}

function withContractCode(error: GraphQLError): GraphQLError {
  const code = error.extensions?.code;
  if (typeof code === 'string' && CONTRACT_CODES.has(code)) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError,
    extensions: { ...error.extensions, code: 'VALIDATION_FAILED', ...(typeof code === 'string' ? { graphqlCode: code } : {}) },
  });
}

function contractErrorCodes(): Plugin<GraphQLContext> {
  return {
    onResultProcess({ result, setResult }) {
      if (isAsyncIterable(result)) return;
      setResult(Array.isArray(result) ? result.map(withContractCodes) : withContractCodes(result as ExecutionResult));
    },
  };
}

/** In production the schema is described to signed-in users only. */
function introspectionForSignedInOnly(): Plugin<GraphQLContext> {
  return {
    onValidate({ addValidationRule, context }) {
      if (!(context as Partial<GraphQLContext>).actor) addValidationRule(noIntrospection);
    },
  };
}

function noIntrospection(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        context.reportError(new GraphQLError('La description du schéma est réservée aux utilisateurs connectés.', {
          nodes: node,
          extensions: { code: 'UNAUTHENTICATED' },
        }));
      }
    },
  };
}
