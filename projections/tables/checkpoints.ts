import { type Kysely } from 'kysely';
import { type ReadModelTables } from './read-model-tables.js';

/**
 * Where each projection stands: the position of the last event folded into its tables, written in
 * the same transaction as the rows that event produced.
 *
 * - `LIVE`: caught up with the others; queries read it, read-your-writes waits for it.
 * - `REBUILD_REQUESTED`: `npm run rebuild-projection` asked for a rebuild; the leading process
 *   drops its tables and starts again from position 0.
 * - `REBUILDING`: folding the log from position 0 while the others go on serving; it becomes
 *   `LIVE` again once it has reached them.
 */
export type CheckpointStatus = 'LIVE' | 'REBUILD_REQUESTED' | 'REBUILDING';

export interface CheckpointTables {
  projection_checkpoints: {
    name: string;
    version: number;
    /** The last event folded in; -1 before the first. */
    position: number;
    status: CheckpointStatus;
    generation: number;
  };
}

export interface Checkpoint {
  name: string;
  version: number;
  position: number;
  status: CheckpointStatus;
  /**
   * Counts the changes to the projection's tables: each page of a batch that wrote a row, each
   * reset for a rebuild and each rebuild gone live. A process keeping rows of it in memory
   * (`CurrentRows`) knows them stale as soon as it hears of a new generation; a batch that wrote
   * nothing (the resources' tables while reservations are folded) leaves it as it was.
   */
  generation: number;
}

export async function createCheckpointTable(db: Kysely<ReadModelTables>): Promise<void> {
  await db.schema.createTable('projection_checkpoints').ifNotExists()
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('position', 'bigint', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('generation', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();
  await addGenerationToOlderTable(db);
}

/** Read models made before the generation was counted: the column is added, from 0. */
async function addGenerationToOlderTable(db: Kysely<ReadModelTables>): Promise<void> {
  if (await hasGenerationColumn(db)) return;
  await db.schema.alterTable('projection_checkpoints')
    .addColumn('generation', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();
}

/**
 * Asked of the table the name resolves to, whatever the dialect and PostgreSQL's search path (the
 * catalogues would list every schema's). Any other failure shows again in the ALTER that follows.
 */
async function hasGenerationColumn(db: Kysely<ReadModelTables>): Promise<boolean> {
  try {
    await db.selectFrom('projection_checkpoints').select('generation').limit(0).execute();
    return true;
  } catch {
    return false;
  }
}

export async function readCheckpoints(db: Kysely<ReadModelTables>): Promise<Map<string, Checkpoint>> {
  const rows = await db.selectFrom('projection_checkpoints').selectAll().execute();
  return new Map(rows.map((row) => [row.name, { ...row, position: Number(row.position), generation: Number(row.generation) }]));
}

export async function writeCheckpoint(db: Kysely<ReadModelTables>, checkpoint: Checkpoint): Promise<void> {
  await db.insertInto('projection_checkpoints').values(checkpoint)
    .onConflict((conflict) => conflict.column('name').doUpdateSet({
      version: checkpoint.version, position: checkpoint.position, status: checkpoint.status, generation: checkpoint.generation,
    }))
    .execute();
}

/** What `npm run rebuild-projection` writes: the leading process (or the next one to start) does the rest. */
export async function requestRebuild(db: Kysely<ReadModelTables>, name: string): Promise<boolean> {
  const result = await db.updateTable('projection_checkpoints').set({ status: 'REBUILD_REQUESTED' }).where('name', '=', name).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
