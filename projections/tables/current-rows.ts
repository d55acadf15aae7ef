import { assert } from '../../domain/shared/errors.js';
import { keepableGeneration, type ReadModelsView } from './read-models-view.js';

export interface CurrentRowsOptions<Row> {
  /** The projection whose tables the rows come from: its checkpoint's generation tells them stale. */
  projection: string;
  /** Every current row, in the order lists show them. */
  load(): Promise<Row[]>;
  /** The current rows among these ids, read from the tables: what `find` asks when nothing is kept. */
  loadSome(ids: readonly string[]): Promise<ReadonlyMap<string, Row>>;
  idOf(row: Row): string;
  /** Beyond this many rows none is kept: each ask then reads the tables. */
  maxRows: number;
}

/** The rows of one generation of the projection's tables. */
export interface KeptRows<Row> {
  readonly rows: readonly Row[];
  readonly byId: ReadonlyMap<string, Row>;
}

interface Generation<Row> {
  generation: number;
  /** Undefined: more rows than `maxRows`, so not kept. */
  rows: Promise<KeptRows<Row> | undefined>;
}

/**
 * The current rows of a small read model (the members, the resources, the sites), kept in this
 * process's memory from one change of its tables to the next. Nearly every request names a member
 * or a resource, and reading a hundred of them from SQLite costs more than the rest of the request;
 * they change a few times a day.
 *
 * Kept rows are those of the generation this thread last heard of (`projectionCheckpoint`). The
 * tables may already be ahead of it when they are read: the rows are then newer than their
 * generation says, and are read again once the thread hears of the next one. A writer's
 * `Mutua-Wait-For-Position` resolves only after the thread has heard of the generation its write
 * made, so it reads its write. While the projection is rebuilt, or its checkpoint is unknown,
 * nothing is kept and every ask reads the tables.
 */
export class CurrentRows<Row> {
  private kept: Generation<Row> | undefined;

  constructor(
    private readonly readModels: Pick<ReadModelsView, 'projectionCheckpoint'>,
    private readonly options: CurrentRowsOptions<Row>,
  ) {}

  /** Every current row, in the order lists show them: kept, or else read from the tables. */
  async list(): Promise<readonly Row[]> {
    return (await this.current())?.rows ?? this.options.load();
  }

  /** The current rows among `ids`, by id: kept, or else read from the tables. */
  async find(ids: readonly string[]): Promise<ReadonlyMap<string, Row>> {
    const kept = await this.current();
    if (!kept) return this.options.loadSome(ids);
    const found = new Map<string, Row>();
    for (const id of ids) {
      const row = kept.byId.get(id);
      if (row) found.set(id, row);
    }
    return found;
  }

  /** The current rows, from memory or read now; undefined when they cannot be kept (the caller reads the tables). */
  async current(): Promise<KeptRows<Row> | undefined> {
    const generation = keepableGeneration(this.readModels, this.options.projection);
    if (generation === undefined) {
      this.kept = undefined;
      return undefined;
    }
    if (!this.kept || this.kept.generation !== generation) {
      // Asks of the same generation that arrive while it is read share the one read.
      const kept: Generation<Row> = { generation, rows: this.read() };
      this.kept = kept;
      kept.rows.catch(() => {
        if (this.kept === kept) this.kept = undefined;
      });
    }
    return this.kept.rows;
  }

  private async read(): Promise<KeptRows<Row> | undefined> {
    const rows = await this.options.load();
    if (rows.length > this.options.maxRows) return undefined;
    // Shared by every request from now on: frozen, so that none can change what the others read.
    const byId = new Map(rows.map((row) => [this.options.idOf(row), Object.freeze(row)]));
    assert(byId.size === rows.length, `the current rows of ${this.options.projection} have one row per id`);
    return { rows: Object.freeze(rows), byId };
  }
}
