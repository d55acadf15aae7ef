import type BetterSqlite3 from 'better-sqlite3';

export interface ProjectionSnapshot {
  version: number;
  /** Position of the last event folded into the model. */
  position: number;
  model: unknown;
}

/**
 * Where each projection keeps its checkpoint and the model as of that checkpoint. A snapshot is
 * only a shortcut: deleting it costs a rebuild from position 0, never data.
 */
export class SnapshotStore {
  private readonly readStatement;
  private readonly writeStatement;

  constructor(db: BetterSqlite3.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS projection_snapshots (
        name       TEXT PRIMARY KEY,
        version    INTEGER NOT NULL,
        position   INTEGER NOT NULL,
        model      TEXT NOT NULL,
        written_at TEXT NOT NULL
      ) STRICT;
    `);
    this.readStatement = db.prepare<[string], { version: number; position: number; model: string }>(
      'SELECT version, position, model FROM projection_snapshots WHERE name = ?',
    );
    this.writeStatement = db.prepare(
      `INSERT INTO projection_snapshots (name, version, position, model, written_at)
       VALUES (@name, @version, @position, @model, @writtenAt)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
         model = excluded.model, written_at = excluded.written_at`,
    );
  }

  read(name: string): ProjectionSnapshot | undefined {
    const row = this.readStatement.get(name);
    return row && { version: row.version, position: row.position, model: JSON.parse(row.model) as unknown };
  }

  write(name: string, snapshot: ProjectionSnapshot): void {
    this.writeStatement.run({
      name,
      version: snapshot.version,
      position: snapshot.position,
      model: JSON.stringify(snapshot.model),
      writtenAt: new Date().toISOString(),
    });
  }
}
