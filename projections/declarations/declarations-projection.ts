import { type Kysely } from 'kysely';
import { type DeclarationEvent, type HeadcountFacts, type OccupancyEndFacts, type OccupancyFacts, withEnd } from '../../domain/declarations/declarations.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, type TableProjection } from '../tables/table-projection.js';

/** Occupancies and headcounts as declared, in the order of the log: what the allocation keys read. */
export interface DeclarationsModel {
  occupancies: OccupancyFacts[];
  headcounts: HeadcountFacts[];
}

export interface DeclarationsTables {
  declarations: {
    /** The log position of the declaration: the order the allocation keys read them in. */
    declared_position: number;
    kind: DeclarationKind;
    member_id: string;
    /** The declaration's facts as JSON (areas and headcounts may have decimals). */
    facts: string;
  };
}

type DeclarationKind = 'OCCUPANCY' | 'OCCUPANCY_END' | 'HEADCOUNT';

const KIND_OF_EVENT: Record<DeclarationEvent['type'], DeclarationKind> = {
  OccupancyDeclared: 'OCCUPANCY',
  OccupancyEnded: 'OCCUPANCY_END',
  HeadcountDeclared: 'HEADCOUNT',
};

/**
 * Occupancies, their ends and headcounts as declared: never changed, only followed by newer
 * declarations. Version 2 keeps the ends of occupancies (a server of version 1 skipped them).
 */
export const declarationsTables: TableProjection = {
  name: 'declarations',
  version: 2,
  tables: ['declarations'],
  async createTables(db) {
    await db.schema.createTable('declarations')
      .addColumn('declared_position', 'bigint', (column) => column.primaryKey())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('member_id', 'text', (column) => column.notNull())
      .addColumn('facts', 'text', (column) => column.notNull())
      .execute();
  },
  async createIndexes() {
    // Read in the order of their primary key, the position declared.
  },
  async apply(trx, events) {
    const rows: Array<DeclarationsTables['declarations']> = [];
    for (const recorded of events) {
      const event = recorded as unknown as DeclarationEvent;
      if (!Object.hasOwn(KIND_OF_EVENT, event.type)) continue;
      rows.push({ declared_position: recorded.position, kind: KIND_OF_EVENT[event.type], member_id: event.data.memberId, facts: JSON.stringify(event.data) });
    }
    await insertRows(trx, 'declarations', rows);
  },
};

/**
 * Every occupancy and headcount declared (up to `asOfPosition`, if given), in the order of the
 * log, each occupancy cut at the end declared for it by then.
 */
export async function listDeclarations(db: Kysely<ReadModelTables>, options: { asOfPosition?: number } = {}): Promise<DeclarationsModel> {
  let query = db.selectFrom('declarations').select(['kind', 'facts']);
  if (options.asOfPosition !== undefined) query = query.where('declared_position', '<=', options.asOfPosition);
  const rows = await query.orderBy('declared_position').execute();
  const model: DeclarationsModel = { occupancies: [], headcounts: [] };
  for (const row of rows) {
    if (row.kind === 'OCCUPANCY') model.occupancies.push(JSON.parse(row.facts) as OccupancyFacts);
    else if (row.kind === 'OCCUPANCY_END') model.occupancies = withEnd(model.occupancies, JSON.parse(row.facts) as OccupancyEndFacts);
    else model.headcounts.push(JSON.parse(row.facts) as HeadcountFacts);
  }
  return model;
}
