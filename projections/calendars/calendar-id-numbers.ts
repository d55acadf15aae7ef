import { type Kysely, type Transaction } from 'kysely';
import { assert } from '../../domain/shared/errors.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { readInLists } from '../tables/in-lists.js';
import { insertRows, positionKeyType } from '../tables/table-projection.js';

export interface CalendarIdNumbersTables {
  /**
   * The ids of the members and resources that reservations name, numbered in the order the
   * calendars projection first met them. A reservation's row and its indexes carry the numbers
   * (one or two bytes each in SQLite) instead of two 36-character ids: narrower rows and keys are
   * fewer pages to write, live and in a rebuild (README, « Narrower reservation rows »).
   */
  calendar_id_numbers: {
    id_number: number;
    id: string;
  };
}

export async function createIdNumbersTable(db: Kysely<ReadModelTables>): Promise<void> {
  await db.schema.createTable('calendar_id_numbers')
    .addColumn('id_number', positionKeyType(db), (column) => column.primaryKey())
    .addColumn('id', 'text', (column) => column.notNull())
    .execute();
  // `numberIds` looks ids up by their text, live and while rebuilding: the index is made with the table.
  await db.schema.createIndex('calendar_id_numbers_by_id').unique().on('calendar_id_numbers').column('id').execute();
}

/**
 * The numbers of `ids`, numbering those met for the first time after the largest number given so
 * far. Called in the fold's transaction: the numbers it gives are committed with the rows that
 * carry them, or undone with them.
 */
export async function numberIds(trx: Transaction<ReadModelTables>, ids: ReadonlySet<string>): Promise<Map<string, number>> {
  const wanted = [...ids];
  const known = await readInLists(wanted, (chunk) =>
    trx.selectFrom('calendar_id_numbers').select(['id', 'id_number']).where('id', 'in', chunk).execute());
  const numbers = new Map(known.map((row) => [row.id, Number(row.id_number)]));
  const unnumbered = wanted.filter((id) => !numbers.has(id));
  if (unnumbered.length === 0) return numbers;
  const largest = await trx.selectFrom('calendar_id_numbers').select((eb) => eb.fn.max('id_number').as('largest')).executeTakeFirst();
  let next = Number(largest?.largest ?? 0) + 1;
  const rows = unnumbered.map((id) => ({ id_number: next++, id }));
  for (const row of rows) numbers.set(row.id, row.id_number);
  await insertRows(trx, 'calendar_id_numbers', rows);
  assert(numbers.size === ids.size, 'every id asked has a number');
  return numbers;
}

/** The number of one id, for a query's filter: a subquery, so that the query stays one statement and its index is used. */
export function idNumberOf(db: Kysely<ReadModelTables>, id: string) {
  return db.selectFrom('calendar_id_numbers').select('id_number').where('id', '=', id);
}

/** The ids of these numbers, for a read of many rows that looks each number up once instead of joining every row. */
export async function idsOfNumbers(db: Kysely<ReadModelTables>, numbers: ReadonlySet<number>): Promise<Map<number, string>> {
  const rows = await readInLists([...numbers], (chunk) =>
    db.selectFrom('calendar_id_numbers').select(['id', 'id_number']).where('id_number', 'in', chunk).execute());
  const ids = new Map(rows.map((row) => [Number(row.id_number), row.id]));
  assert(ids.size === numbers.size, 'every number of a reservation names an id');
  return ids;
}
