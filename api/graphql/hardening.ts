import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import {
  type ASTVisitor, type ExecutionResult, type FieldNode, GraphQLError, Kind, type OperationDefinitionNode, OperationTypeNode, type SelectionSetNode, type ValidationContext,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { ERROR_CODES, INTERNAL_ERROR_CODE } from '../../shared/error-codes.js';
import { type GraphQLContext, isSignedIn } from './context.js';
import { printableInputsOnly } from './printable-inputs.js';

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

/**
 * Root query fields that read the event log itself rather than the read models, and what one
 * execution of each adds to the cost graphql-armor counts (which knows a field by its place in
 * the document, not by what it does): a handful of them reach `maxCost`, where fifteen aliases
 * would have read the log fifteen times in one request.
 */
export const LOG_READING_COSTS: Readonly<Record<string, number>> = {
  /** Every event of the log, each hash computed again. */
  verifyIntegrity: 2_000,
  /** Two past states summarised from the tables: every member, resource and balance of each. */
  compareStates: 2_000,
  /** Up to 20,000 events scanned for one page (`MAX_EVENTS_SCANNED_PER_REQUEST`). */
  history: 500,
  /**
   * Not the log but every entry of the books, read, parsed and answered at once (deprecated for
   * `journal`, a page at a time): about a second of the request thread for eight years of books.
   */
  ledgerPostings: 2_000,
};

/** A root field given `asOf` (`members`, `resources`, `reservations`, `balances`) lists the whole of it as of that instant. */
export const TIME_TRAVEL_COST = 1_000;

/** The armor's own rejections carry no code: each is reported again with ours. */
function rejectWithCode(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(`Requête refusée : ${error.message}`, { extensions: { code: 'QUERY_TOO_COMPLEX' } }));
}

const armor = { propagateOnRejection: false, onReject: [rejectWithCode], exposeLimits: true };

export function hardeningPlugins(options: { production: boolean }): Plugin<GraphQLContext>[] {
  return [
    contractErrorCodes(),
    printableInputsOnly(),
    maxDepthPlugin({ ...armor, n: QUERY_LIMITS.maxDepth }),
    costLimitPlugin({
      ...armor, maxCost: QUERY_LIMITS.maxCost, onAccept: [rememberArmorCost], onReject: [...armor.onReject, rememberArmorRefusal],
    }),
    logReadingCost(),
    maxAliasesPlugin({ ...armor, n: QUERY_LIMITS.maxAliases }),
    maxTokensPlugin({ ...armor, n: QUERY_LIMITS.maxTokens }),
    ...(options.production ? [introspectionForSignedInOnly(), noSuggestionsForAnonymousCallers()] : []),
  ] as Plugin<GraphQLContext>[];
}

/** graphql-armor's cost of the operation being validated; null when the armor refused it. */
const armorCosts = new WeakMap<ValidationContext, number | null>();

function rememberArmorCost(context: ValidationContext | null, details: { n: number }): void {
  if (context) armorCosts.set(context, details.n);
}

function rememberArmorRefusal(context: ValidationContext | null): void {
  if (context) armorCosts.set(context, null);
}

/** Adds the cost of reading the log to graphql-armor's, for each query operation, against the same limit. */
function logReadingCost(): Plugin<GraphQLContext> {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(logReadingCostRule);
    },
  };
}

function logReadingCostRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition: {
      // On leaving: the armor counted the operation on entering it, whichever rule runs first.
      leave(operation) {
        const armorCost = armorCosts.get(context);
        armorCosts.delete(context);
        if (armorCost === null) return;
        const logCost = costOfReadingTheLog(context, operation);
        const cost = (armorCost ?? 0) + logCost;
        if (logCost === 0 || cost <= QUERY_LIMITS.maxCost) return;
        context.reportError(new GraphQLError(
          `Requête refusée : elle lirait trop le registre (coût ${cost}, au plus ${QUERY_LIMITS.maxCost}). `
            + 'La vérification d’intégrité, l’historique, la comparaison et les états passés lisent le journal des événements lui-même : demandez-les une à une.',
          { nodes: operation, extensions: { code: 'QUERY_TOO_COMPLEX' } },
        ));
      },
    },
  };
}

function costOfReadingTheLog(context: ValidationContext, operation: OperationDefinitionNode): number {
  if (operation.operation !== OperationTypeNode.QUERY) return 0;
  let cost = 0;
  for (const field of rootFields(context, operation.selectionSet)) {
    cost += LOG_READING_COSTS[field.name.value] ?? 0;
    if (field.arguments?.some((argument) => argument.name.value === 'asOf' && argument.value.kind !== Kind.NULL)) cost += TIME_TRAVEL_COST;
  }
  return cost;
}

/**
 * The root fields an operation executes, one per response key (fields of the same key are merged
 * into one execution), through inline fragments and named fragments alike.
 */
function rootFields(context: ValidationContext, selectionSet: SelectionSetNode, byKey = new Map<string, FieldNode>(), spread = new Set<string>()): FieldNode[] {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (!byKey.has(key)) byKey.set(key, selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      rootFields(context, selection.selectionSet, byKey, spread);
    } else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) rootFields(context, fragment.selectionSet, byKey, spread);
    }
  }
  return [...byKey.values()];
}

/** The codes of the public contract, and ours beside them; anything else a client sees is renamed. */
const CONTRACT_CODES = new Set<string>([...ERROR_CODES, INTERNAL_ERROR_CODE]);

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
    onResultProcess(payload) {
      const { result } = payload;
      if (isAsyncIterable(result)) return;
      payload.setResult(Array.isArray(result) ? result.map(withContractCodes) : withContractCodes(result as ExecutionResult));
    },
  };
}

/** In production the schema is described to signed-in users only. */
function introspectionForSignedInOnly(): Plugin<GraphQLContext> {
  return {
    onValidate({ addValidationRule, context }) {
      if (!isSignedIn(context)) addValidationRule(noIntrospection);
    },
  };
}

/** graphql-js ends a message with the names it guesses were meant: fields, arguments, types, enum values. */
const SUGGESTION = /\s*Did you mean [\s\S]*$/;

/**
 * In production an anonymous caller is not told the names the schema holds near the one it
 * misspelt ("Did you mean "member"?"): one guess at a time, suggestions would describe the schema
 * that introspection keeps from it. Validation errors and the refusals of variables at execution
 * alike. In development the schema is open to all (GraphiQL), and suggestions help.
 */
function noSuggestionsForAnonymousCallers(): Plugin<GraphQLContext> {
  return {
    onExecutionResult(payload) {
      const { result, context } = payload;
      if (result === undefined || isAsyncIterable(result) || isSignedIn(context)) return;
      if (result.errors?.some((error) => SUGGESTION.test(error.message))) payload.setResult({ ...result, errors: result.errors.map(withoutSuggestion) });
    },
  };
}

function withoutSuggestion(error: GraphQLError): GraphQLError {
  if (!SUGGESTION.test(error.message)) return error;
  return new GraphQLError(error.message.replace(SUGGESTION, ''), {
    nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: error.extensions,
  });
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
