import { GraphQLError } from 'graphql';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';

/**
 * Read-your-writes across server processes (`MUTUA_PROCESSES`). Each process follows the shared
 * log on its own, a few milliseconds behind the others: a reservation acknowledged by one process
 * may be missing from the planning that another one serves right after. So every answer to a
 * signed-in caller says the log position its read models include, and a request that names the
 * highest position its client has seen is answered once the read models include it.
 */
export const POSITION_HEADER = 'mutua-position';
export const WAIT_FOR_POSITION_HEADER = 'mutua-wait-for-position';

/** Past this, the request is answered as things stand: a process still catching up must not hang its callers. */
const LONGEST_WAIT_MS = 2_000;

export async function waitForPositionSeen(readModels: ReadModelsView, header: string | string[] | undefined): Promise<void> {
  if (header === undefined) return;
  if (typeof header !== 'string' || !/^\d{1,16}$/.test(header) || !Number.isSafeInteger(Number(header))) {
    throw new GraphQLError(`L’en-tête ${WAIT_FOR_POSITION_HEADER} attend une position du registre (un nombre entier).`, {
      extensions: { code: 'VALIDATION_FAILED' },
    });
  }
  await readModels.waitForPosition(Number(header), LONGEST_WAIT_MS);
}
