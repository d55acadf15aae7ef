import { type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type Transaction, type UnknownRow } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type Checkpoint } from './checkpoints.js';
import { type ReadModelTables } from './read-model-tables.js';
import { type FoldContext, type TableProjection } from './table-projection.js';

/** One projection's share of a batch: the checkpoint it was read after, and the events past it. */
export interface ProjectionShare {
  projection: TableProjection;
  checkpoint: Checkpoint;
  events: readonly RecordedEvent[];
}

/**
 * Folds each share into its projection inside the batch's transaction, then moves their checkpoints
 * to `last` there too, counting a generation for those whose tables changed; returns the
 * checkpoints moved. One UPDATE per previous position and generation step (two for a live batch,
 * whose projections all stood at one position) instead of one per projection, which was nearly
 * half the statements of a batch of one reservation. Only from the checkpoints the batch was read
 * after: were another process projecting too (a lease lost with its connection), one of the two
 * batches is refused and undone whole.
 */
export async function applyWithCheckpoints(
  trx: Transaction<ReadModelTables>,
  shares: readonly ProjectionShare[],
  last: number,
  fold: FoldContext,
): Promise<Checkpoint[]> {
  const moves = new Map<string, { position: number; wroteRows: boolean; names: string[] }>();
  const advanced: Checkpoint[] = [];
  for (const { projection, checkpoint, events } of shares) {
    const writes = new WriteWatch();
    await projection.apply(trx.withPlugin(writes), events, fold);
    const key = `${checkpoint.position}:${writes.wroteRows}`;
    const move = moves.get(key) ?? { position: checkpoint.position, wroteRows: writes.wroteRows, names: [] };
    move.names.push(projection.name);
    moves.set(key, move);
    advanced.push({ ...checkpoint, position: last, generation: checkpoint.generation + (writes.wroteRows ? 1 : 0) });
  }
  for (const { position, wroteRows, names } of moves.values()) {
    const moved = await trx.updateTable('projection_checkpoints')
      .set((eb) => (wroteRows ? { position: last, generation: eb('generation', '+', 1) } : { position: last }))
      .where('name', 'in', names).where('position', '=', position).executeTakeFirst();
    if (moved.numUpdatedRows !== BigInt(names.length)) throw new CheckpointMovedError(names.join(', '));
  }
  return advanced;
}

/** A checkpoint was moved by another process while this one folded a batch after it. */
export class CheckpointMovedError extends Error {
  constructor(projections: string) {
    super(`The checkpoint of ${projections} moved under this batch: another process projects`);
  }
}

/**
 * Sees whether a projection's `apply` wrote any row, whatever way it ran its statements (built,
 * compiled ahead, or raw SQL): every result passes here, and a write's tells the rows it changed.
 */
class WriteWatch implements KyselyPlugin {
  wroteRows = false;

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return node;
  }

  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if ((result.numAffectedRows ?? 0n) > 0n) this.wroteRows = true;
    return Promise.resolve(result);
  }
}
