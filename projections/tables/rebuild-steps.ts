import { type Kysely } from 'kysely';
import { type Checkpoint, writeCheckpoint } from './checkpoints.js';
import { type ReadModelTables } from './read-model-tables.js';
import { type TableProjection } from './table-projection.js';

/**
 * What a rebuild does to a projection's tables and checkpoint, each step in one transaction: its
 * tables emptied for a fold from position 0, then, once it has caught up, made live.
 */

/**
 * Whether the new projector must fold the projection again from position 0: no checkpoint, of
 * another version, asked to be rebuilt, or ahead of the log (read models of another store, restored
 * beside it). One whose rebuild was cut short goes on where it stopped.
 */
export function mustRebuild(projection: TableProjection, checkpoint: Checkpoint | undefined, head: number): boolean {
  return !checkpoint || checkpoint.version !== projection.version || checkpoint.status === 'REBUILD_REQUESTED' || checkpoint.position > head;
}

/** Empties the projection's tables for a rebuild, without their secondary indexes (made when it goes live); returns its new checkpoint. */
export async function resetForRebuild(db: Kysely<ReadModelTables>, projection: TableProjection, previous: Checkpoint | undefined): Promise<Checkpoint> {
  const checkpoint: Checkpoint = { name: projection.name, version: projection.version, position: -1, status: 'REBUILDING', generation: (previous?.generation ?? 0) + 1 };
  await db.transaction().execute(async (trx) => {
    for (const table of projection.tables) await trx.schema.dropTable(table).ifExists().execute();
    await projection.createTables(trx);
    await writeCheckpoint(trx, checkpoint);
  });
  return checkpoint;
}

/** A rebuilt projection that has caught up goes live: its indexes built once over the folded rows; returns its new checkpoint. */
export async function makeLive(db: Kysely<ReadModelTables>, projection: TableProjection, rebuilt: Checkpoint): Promise<Checkpoint> {
  // Its tables were made anew: whatever a process kept of them before is stale.
  const promoted: Checkpoint = { ...rebuilt, status: 'LIVE', generation: rebuilt.generation + 1 };
  // Building an index once over the folded rows is far quicker than maintaining it row by row.
  await db.transaction().execute(async (trx) => {
    await projection.createIndexes(trx);
    await projection.finishRebuild?.(trx);
    await writeCheckpoint(trx, promoted);
  });
  return promoted;
}
