import { type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type Transaction, type UnknownRow } from 'kysely';
import { type EventStore, type RecordedEvent } from '../../eventstore/event-store.js';
import { type Checkpoint } from './checkpoints.js';
import { type ReadModelTables } from './read-model-tables.js';
import { type FoldContext, LIVE_FOLD, type TableProjection } from './table-projection.js';

/** One projection's share of a batch: the checkpoint it was read after, and the events past it. */
export interface ProjectionShare {
  projection: TableProjection;
  checkpoint: Checkpoint;
  events: readonly RecordedEvent[];
}

/** What a batch folded: how many events, those of a live batch (for the listeners), and its projections' checkpoints after it. */
export interface FoldedBatch {
  count: number;
  events: RecordedEvent[];
  checkpoints: Checkpoint[];
}

export const NOTHING_FOLDED: FoldedBatch = Object.freeze({ count: 0, events: [], checkpoints: [] });

/**
 * Folds the next `size` events of the log into projections standing at checkpoints `at`, in one
 * transaction that also moves the checkpoints, reading the log `pageSize` events at a time and
 * folding each page before reading the next. A live batch's events are kept for the listeners; a
 * rebuild's are let go page after page. Nothing new: no transaction, which an idle projector
 * would otherwise open at each poll.
 */
export async function foldBatch(
  db: Kysely<ReadModelTables>,
  store: EventStore,
  at: ReadonlyArray<Omit<ProjectionShare, 'events'>>,
  { size, pageSize, fold }: { size: number; pageSize: number; fold: FoldContext },
): Promise<FoldedBatch> {
  let wanted = Math.min(pageSize, size);
  const after = Math.min(...at.map(({ checkpoint }) => checkpoint.position));
  let page = await store.readAll({ afterPosition: after, maxCount: wanted });
  if (page.length === 0) return NOTHING_FOLDED;
  // Moved within the transaction only, returned once it has committed: undone, it moved nothing.
  const checkpoints = new Map(at.map(({ projection, checkpoint }) => [projection.name, checkpoint]));
  const batch: FoldedBatch = { count: 0, events: [], checkpoints: [] };
  await db.transaction().execute(async (trx) => {
    while (page.length > 0) {
      const last = page.at(-1)!.position;
      const shares = at.map(({ projection }) => {
        const checkpoint = checkpoints.get(projection.name)!;
        return { projection, checkpoint, events: page.filter((event) => event.position > checkpoint.position) };
      }).filter((share) => share.events.length > 0);
      for (const checkpoint of await applyWithCheckpoints(trx, shares, last, fold)) checkpoints.set(checkpoint.name, checkpoint);
      batch.count += page.length;
      if (fold === LIVE_FOLD) batch.events.push(...page);
      // A short page is the end of the log.
      const more = page.length === wanted && batch.count < size;
      wanted = Math.min(pageSize, size - batch.count);
      page = more ? await store.readAll({ afterPosition: last, maxCount: wanted }) : [];
    }
  });
  batch.checkpoints = [...checkpoints.values()];
  return batch;
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
