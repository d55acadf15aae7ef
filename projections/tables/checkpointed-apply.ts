import { type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type Transaction, type UnknownRow } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type Checkpoint } from './checkpoints.js';
import { type ReadModelTables } from './read-model-tables.js';
import { type FoldContext, type TableProjection } from './table-projection.js';

/**
 * Folds `events` into one projection inside the batch's transaction and moves its checkpoint to
 * `last` there too, counting a generation if its tables changed; returns the checkpoint moved.
 * Only from the checkpoint the batch was read after: were another process projecting too (a lease
 * lost with its connection), one of the two batches is refused and undone whole.
 */
export async function applyWithCheckpoint(
  trx: Transaction<ReadModelTables>,
  projection: TableProjection,
  checkpoint: Checkpoint,
  events: readonly RecordedEvent[],
  last: number,
  fold: FoldContext,
): Promise<Checkpoint> {
  const writes = new WriteWatch();
  await projection.apply(trx.withPlugin(writes), events, fold);
  const generation = writes.wroteRows ? checkpoint.generation + 1 : checkpoint.generation;
  const moved = await trx.updateTable('projection_checkpoints').set({ position: last, generation })
    .where('name', '=', projection.name).where('position', '=', checkpoint.position).executeTakeFirst();
  if (moved.numUpdatedRows !== 1n) throw new CheckpointMovedError(projection.name);
  return { ...checkpoint, position: last, generation };
}

/** A checkpoint was moved by another process while this one folded a batch after it. */
export class CheckpointMovedError extends Error {
  constructor(projection: string) {
    super(`The checkpoint of ${projection} moved under this batch: another process projects`);
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
