import { type ExecutionArgs, getOperationAST, GraphQLError, OperationTypeNode } from 'graphql';
import { type Plugin } from 'graphql-yoga';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { type AnsweredAhead } from '../commands/answered-ahead.js';
import { type GraphQLContext } from './context.js';

/**
 * Read-your-writes across server processes (`MUTUA_PROCESSES`). Each process follows the shared
 * log on its own, a few milliseconds behind the others: a reservation acknowledged by one process
 * may be missing from the planning that another one serves right after. So every answer to a
 * signed-in caller says the log position it reflects (a query's, the read models' as it began;
 * a mutation's, that of what it recorded, folded or answered ahead: AnsweredAhead), and a request
 * that names the highest position its client has seen is answered once the read models include it.
 */
export const POSITION_HEADER = 'mutua-position';
export const WAIT_FOR_POSITION_HEADER = 'mutua-wait-for-position';

/** Past this, the request is answered as things stand: a process still catching up must not hang its callers. */
const LONGEST_WAIT_MS = 2_000;

/**
 * Before a signed-in request executes: waits until the read models include the position its
 * client has seen and, when it reads (a query or a live update), every answer this process gave
 * ahead of them (AnsweredAhead): what one request acknowledged, the next one reads. A mutation
 * does not wait for the answers ahead: its command reads the streams it decides on, or waits
 * itself before it reads a reservation back.
 */
export function readYourWrites(readModels: ReadModelsView, answeredAhead: AnsweredAhead): Plugin<GraphQLContext> {
  const waitBefore = async ({ document, operationName, contextValue }: Pick<ExecutionArgs, 'document' | 'operationName'> & { contextValue: GraphQLContext }) => {
    if (!contextValue.actor) return;
    const reads = getOperationAST(document, operationName)?.operation !== OperationTypeNode.MUTATION;
    await readModels.waitForPosition(Math.max(contextValue.positionSeen, reads ? answeredAhead.furthest : -1), LONGEST_WAIT_MS);
    // Taken before the answer is read, not as it leaves: an event folded in between is then
    // not counted as seen (a live update opened with this position delivers it).
    if (reads) contextValue.answerReflects.position = readModels.currentPosition;
  };
  return {
    onExecute: ({ args }) => waitBefore(args),
    onSubscribe: ({ args }) => waitBefore(args),
  };
}

/** The position a Mutua-Wait-For-Position header names; -1 without one. */
export function positionNamed(header: string | string[] | undefined): number {
  if (header === undefined) return -1;
  if (typeof header !== 'string' || !/^\d{1,16}$/.test(header) || !Number.isSafeInteger(Number(header))) {
    throw new GraphQLError(`L’en-tête ${WAIT_FOR_POSITION_HEADER} attend une position du registre (un nombre entier).`, {
      extensions: { code: 'VALIDATION_FAILED' },
    });
  }
  return Number(header);
}
