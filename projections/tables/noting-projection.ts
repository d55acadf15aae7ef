import { type Kysely, sql } from 'kysely';
import { type EventStore } from '../../eventstore/event-store.js';
import { type ReadModelDatabase } from './read-model-database.js';
import { type TableProjection } from './table-projection.js';

/*
 * For the engine's specs (`read-models.spec.ts`): a projection that notes the events it folds,
 * what it noted, and a log to fold. Its table is the spec's own, outside `ReadModelTables`.
 */

/** A projection that notes every event it folds, by position: a double application shows as a duplicate key. */
export function noting(name: string, options: { version?: number; failAtPosition?: () => number | undefined } = {}): TableProjection {
  return {
    name,
    version: options.version ?? 1,
    tables: [name],
    async createTables(db) {
      await db.schema.createTable(name).addColumn('position', 'bigint', (column) => column.primaryKey()).addColumn('type', 'text').execute();
    },
    async createIndexes(db) {
      await db.schema.createIndex(`${name}_by_type`).on(name).column('type').execute();
    },
    async apply(trx, events) {
      for (const event of events) {
        if (event.position === options.failAtPosition?.()) throw new Error(`fails at ${event.position}`);
        await (trx as unknown as Kysely<Record<string, { position: number; type: string }>>)
          .insertInto(name).values({ position: event.position, type: event.type }).execute();
      }
    },
  };
}

/** The positions the noting projection `table` has folded, in order. */
export async function notedPositions(database: ReadModelDatabase, table: string): Promise<number[]> {
  const db = database.db as unknown as Kysely<Record<string, { position: number }>>;
  const rows = await db.selectFrom(table).select('position').orderBy('position').execute();
  return rows.map((row) => Number(row.position));
}

/** The secondary indexes of the noting projection's table that exist now. */
export async function indexesOf(database: ReadModelDatabase, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`.execute(database.db);
  return rows.map((row) => row.name);
}

/** Appends `count` events, one append each. */
export async function appendEvents(store: EventStore, count: number, stream = 'spec'): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await store.appendToStream(stream, [{ id: crypto.randomUUID(), type: 'Noted', data: { index }, metadata: { correlationId: 'spec', actorUserId: 'spec', actorRole: 'COORDINATOR' } }], { expectedRevision: 'any' });
  }
}
