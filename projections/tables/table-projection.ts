import { type Kysely, type Transaction } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type ReadModelTables } from './read-model-tables.js';

/**
 * A read model kept in database tables, maintained from the global log in batches. The engine
 * calls `apply` inside the transaction that also advances the projection's checkpoint, so a crash
 * at any instant neither loses an event nor applies one twice.
 *
 * `apply` must give the same tables whatever the batches' boundaries: folding the log in one batch
 * or in a thousand is the same (the rebuild-equals-incremental property, tested for each one).
 * It writes only its own tables, reads only them, and never reads the clock: what it records comes
 * from the events.
 */
export interface TableProjection {
  readonly name: string;
  /**
   * Bumped whenever its tables or what `apply` writes into them change: the leading process then
   * drops the tables, creates them again and folds the log from position 0.
   */
  readonly version: number;
  /** The tables it owns, dropped before a rebuild. */
  readonly tables: readonly string[];
  /** Creates its tables and indexes (they do not exist yet): with the schema builder, so that the dialect is a detail. */
  createTables(db: Kysely<ReadModelTables>): Promise<void>;
  /** Folds `events` (in log order, all after its checkpoint, never empty) into its tables. */
  apply(trx: Transaction<ReadModelTables>, events: readonly RecordedEvent[]): Promise<void>;
}

/** SQLite and PostgreSQL both take at least this many bound values per statement (SQLite: 32,766). */
const MAX_BOUND_VALUES = 30_000;

/** Inserts many rows with as few statements as the database's limit on bound values allows. */
export async function insertRows<Table extends keyof ReadModelTables & string>(
  trx: Transaction<ReadModelTables>,
  table: Table,
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / Object.keys(rows[0]!).length));
  for (let start = 0; start < rows.length; start += perStatement) {
    // The rows are the table's own shape; Kysely's generic insert type cannot be named for any table.
    await trx.insertInto(table).values(rows.slice(start, start + perStatement) as never).execute();
  }
}
