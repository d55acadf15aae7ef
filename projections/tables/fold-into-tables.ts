import { sql } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { createCheckpointTable } from './checkpoints.js';
import { openInMemoryReadModels, type ReadModelDatabase } from './read-model-database.js';
import { LIVE_FOLD, REBUILD_FOLD, type TableProjection } from './table-projection.js';

/**
 * For specs and the rebuild-equals-incremental property: folds `events` into fresh tables (in
 * memory unless `database` is given: an empty PostgreSQL database, say), in batches of the sizes
 * given in turn (the last size repeats), each batch in its own transaction, as the engine does.
 * Live by default (the query indexes made first); `rebuild` folds as a rebuild from position 0
 * does, then makes the projections live as the engine does.
 */
export async function foldIntoTables(
  projections: readonly TableProjection[],
  events: readonly RecordedEvent[],
  batchSizes: readonly number[] = [events.length || 1],
  how: 'live' | 'rebuild' = 'live',
  database: ReadModelDatabase = openInMemoryReadModels(),
): Promise<ReadModelDatabase> {
  await createCheckpointTable(database.db);
  for (const projection of projections) {
    await projection.createTables(database.db);
    if (how === 'live') await projection.createIndexes(database.db);
  }
  const fold = how === 'live' ? LIVE_FOLD : REBUILD_FOLD;
  for (let start = 0, turn = 0; start < events.length; turn += 1) {
    const size = Math.max(1, batchSizes[Math.min(turn, batchSizes.length - 1)]!);
    const batch = events.slice(start, start + size);
    await database.db.transaction().execute(async (trx) => {
      for (const projection of projections) await projection.apply(trx, batch, fold);
    });
    start += size;
  }
  if (how === 'rebuild') {
    await database.db.transaction().execute(async (trx) => {
      for (const projection of projections) {
        await projection.createIndexes(trx);
        await projection.finishRebuild?.(trx);
      }
    });
  }
  return database;
}

/** Every row of a projection's tables, in a stable order: what two folds are compared by. */
export async function dumpTables(database: Pick<ReadModelDatabase, 'db'>, projection: TableProjection): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of projection.tables) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(database.db);
    dump[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return dump;
}
