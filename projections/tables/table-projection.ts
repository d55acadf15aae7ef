import { type CompiledQuery, type Kysely, type OnConflictBuilder, type OnConflictUpdateBuilder, SqliteAdapter, type Transaction } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { assert } from '../../domain/shared/errors.js';
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
  /**
   * Creates its tables (they do not exist yet) with the indexes `apply` itself needs to stay fast
   * (an UPDATE or SELECT by a column other than the primary key): with the schema builder, so that
   * the dialect is a detail.
   */
  createTables(db: Kysely<ReadModelTables>): Promise<void>;
  /**
   * Creates the indexes only its queries need. A rebuild from position 0 folds into tables without
   * them and builds them once, when the projection goes live: maintaining them row by row would
   * cost the rebuild nearly half its time.
   */
  createIndexes(db: Kysely<ReadModelTables>): Promise<void>;
  /**
   * Folds `events` (in log order, all after its checkpoint, never empty) into its tables. While it
   * is rebuilt (`fold.rebuilding`), the indexes of `createIndexes` do not exist yet: a projection
   * may then defer work that would need them, and do it in `finishRebuild`.
   */
  apply(trx: Transaction<ReadModelTables>, events: readonly RecordedEvent[], fold: FoldContext): Promise<void>;
  /**
   * Called once a rebuild has caught up, after `createIndexes`, in the transaction that makes the
   * projection live: does what `apply` deferred while rebuilding, so that the tables are then
   * what an incremental fold of the same events gives.
   */
  finishRebuild?(trx: Transaction<ReadModelTables>): Promise<void>;
}

/** How the engine folds a batch into a projection. */
export interface FoldContext {
  /** True while the projection is folded from position 0 without its query indexes (status REBUILDING). */
  rebuilding: boolean;
}

/** Folded live: the projection's query indexes exist. */
export const LIVE_FOLD: FoldContext = { rebuilding: false };
/** Folded from position 0, before `createIndexes` and `finishRebuild`. */
export const REBUILD_FOLD: FoldContext = { rebuilding: true };

/**
 * The column type of a primary key made of log positions (or of other integers that only grow,
 * such as instants in milliseconds). On SQLite only `integer` makes it the table's own row id, so
 * that rows are stored in key order and appended at the end of the table instead of being indexed
 * a second time; PostgreSQL's `integer` has 32 bits, its `bigint` 64.
 */
export function positionKeyType(db: Kysely<ReadModelTables>): 'integer' | 'bigint' {
  return isSqlite(db) ? 'integer' : 'bigint';
}

const isSqlite = (db: Kysely<ReadModelTables>) => db.getExecutor().adapter instanceof SqliteAdapter;

/** SQLite and PostgreSQL both take at least this many bound values per statement (SQLite: 32,766). */
const MAX_BOUND_VALUES = 30_000;
/** Rows per INSERT statement at most: beyond a few hundred rows a statement saves nothing more per row. */
const MAX_ROWS_PER_STATEMENT = 256;
/**
 * Compiled INSERTs kept, least recently used dropped first: a table's column list comes in at
 * most nine sizes of statement (256, 128, … 1 rows), and a few column lists per projection.
 */
const MAX_COMPILED_INSERTS = 128;

/**
 * Compiled INSERTs by table, columns and row count. The SQL depends on the dialect: it is kept per
 * adapter, one per Kysely instance (its transactions share it).
 */
const compiledInserts = new WeakMap<object, Map<string, CompiledQuery>>();

/**
 * Inserts many rows with few statements, each compiled once per shape (table, columns, number of
 * rows) and executed again with the new rows' values: compiling a multi-row insert with Kysely
 * cost about a third of a rebuild. Every row must have the same columns in the same order.
 *
 * The rows go in statements of a power of two rows each (as many of the largest as fit, then the
 * binary digits of the rest): whatever the batches' sizes, the same nine shapes per column list
 * come back, so the database also keeps each statement prepared.
 *
 * On SQLite the statements are `INSERT OR FAIL`. A plain multi-row INSERT keeps a statement journal,
 * a copy of every page it changes, so that it can undo itself alone should a row break a
 * constraint; past 64 KiB the copy goes to a temporary file. In a live batch of ten reservations,
 * the projector thread wrote about as many pages there as into the WAL (README, « Multi-row inserts
 * without a statement journal »). `OR FAIL` stops at the failing row without undoing the rows before
 * it, and SQLite keeps no copy. Nothing is left half-written all the same: the rows go into a
 * transaction, and the projector undoes its batch's transaction whole on any error.
 */
export async function insertRows<Table extends keyof ReadModelTables>(
  trx: Transaction<ReadModelTables>,
  table: Table,
  rows: ReadonlyArray<Record<string, unknown>>,
  onConflict?: OnConflict,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  let perStatement = largestPowerOfTwoAtMost(Math.min(MAX_ROWS_PER_STATEMENT, MAX_BOUND_VALUES / columns.length));
  for (let start = 0; start < rows.length;) {
    while (perStatement > rows.length - start) perStatement /= 2;
    const slice = rows.slice(start, start + perStatement);
    const compiled = compiledInsert(trx, table, columns, slice, onConflict);
    await trx.executeQuery({ ...compiled, parameters: parametersOf(slice, columns) });
    start += perStatement;
  }
}

/**
 * What `insertRows` does with a row whose key is already in the table (an upsert). It is compiled
 * once per shape with the insert, so it must bind no value of its own: it refers to the row that
 * collided (`excluded.<column>`) and to the row in place only.
 */
export interface OnConflict {
  /** Tells this clause apart from the table's other ones among the compiled statements. */
  readonly name: string;
  // The clause is written for one table; Kysely's builder types cannot be named for any table.
  readonly clause: (conflict: OnConflictBuilder<any, any>) => OnConflictUpdateBuilder<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function largestPowerOfTwoAtMost(limit: number): number {
  assert(limit >= 1, 'a row fits in one statement');
  let power = 1;
  while (power * 2 <= limit) power *= 2;
  return power;
}

/** The values of `rows`, row after row, in the order of `columns`: what the compiled INSERT binds. */
function parametersOf(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): unknown[] {
  const parameters = new Array<unknown>(rows.length * columns.length);
  let index = 0;
  for (const row of rows) {
    const keys = Object.keys(row);
    assert(keys.length === columns.length && keys.every((key, at) => key === columns[at]), 'every row of one insert has the same columns in the same order');
    for (const column of columns) {
      const value = row[column];
      // Kysely leaves an undefined value out of the statement it compiles: the shape would differ.
      assert(value !== undefined, `column ${column} has a value (null for none)`);
      parameters[index++] = value;
    }
  }
  return parameters;
}

function compiledInsert(
  trx: Transaction<ReadModelTables>,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
  onConflict: OnConflict | undefined,
): CompiledQuery {
  let cache = compiledInserts.get(trx.getExecutor().adapter);
  if (!cache) compiledInserts.set(trx.getExecutor().adapter, (cache = new Map<string, CompiledQuery>()));
  const key = `${table}\u0000${columns.join(',')}\u0000${rows.length}\u0000${onConflict?.name ?? ''}`;
  let compiled = cache.get(key);
  if (compiled) {
    cache.delete(key);
  } else {
    // The rows are the table's own shape; Kysely's generic insert type cannot be named for any table.
    const into = trx.insertInto(table as keyof ReadModelTables);
    // SQLite: no statement journal (see insertRows); PostgreSQL has no such clause, nor such a journal.
    const insert = (isSqlite(trx) ? into.orFail() : into).values(rows);
    compiled = (onConflict ? insert.onConflict(onConflict.clause) : insert).compile();
    assert(compiled.parameters.length === rows.length * columns.length, 'a compiled insert binds one value per column of each row, and nothing else');
    if (cache.size >= MAX_COMPILED_INSERTS) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, compiled);
  return compiled;
}
