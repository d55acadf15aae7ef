import { useGraphQlJit } from '@envelop/graphql-jit';
import { type DocumentNode, Kind, OperationTypeNode } from 'graphql';
import { type Plugin } from 'graphql-yoga';

/**
 * A document is compiled once it has been executed this many times. Compiling costs a few
 * milliseconds, executing a compiled document a fraction of graphql-js's time: the web app's
 * queries, asked again and again, are compiled; a document sent once (or an attacker's stream of
 * distinct documents) never makes the server compile.
 */
const EXECUTIONS_BEFORE_COMPILING = 3;

/**
 * Executes frequent documents with graphql-jit instead of graphql-js. The parsed document is the
 * key: yoga's parser cache gives back the same object for the same text, and a document it lets go
 * is forgotten here too.
 */
export function compiledExecution(): Plugin {
  const executions = new WeakMap<DocumentNode, number>();
  return useGraphQlJit({}, {
    enableIf: ({ document }) => {
      // Live updates stay with graphql-js: a subscription is executed once and lives long.
      if (document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION)) return false;
      const count = (executions.get(document) ?? 0) + 1;
      executions.set(document, count);
      return count > EXECUTIONS_BEFORE_COMPILING;
    },
  }) as Plugin;
}
