import type BetterSqlite3 from 'better-sqlite3';

/**
 * What the notices need kept beside the outbox: how far in the ledger's log they have been
 * written (a checkpoint), and who turned them off.
 */
export interface NoticeStore {
  /** The log position up to which notices were queued; null before the first start. */
  checkpoint(): Promise<number | null>;
  saveCheckpoint(position: number): Promise<void>;
  /** Which of these users turned notices off. */
  usersWithNoticesOff(userIds: readonly string[]): Promise<Set<string>>;
  setNoticesOff(userId: string, off: boolean): Promise<void>;
}

/** In the same SQLite file as the outbox. */
export class SqliteNoticeStore implements NoticeStore {
  private readonly statements;

  constructor(private readonly db: BetterSqlite3.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS mail_notice_checkpoint (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        position INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS mail_notices_off (
        user_id TEXT PRIMARY KEY
      ) STRICT;
    `);
    this.statements = {
      checkpoint: db.prepare<[], number>('SELECT position FROM mail_notice_checkpoint WHERE id = 1').pluck(),
      // Never backwards: two processes following the log may save in any order.
      save: db.prepare(
        `INSERT INTO mail_notice_checkpoint (id, position) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET position = max(position, excluded.position)`,
      ),
      off: db.prepare('INSERT INTO mail_notices_off (user_id) VALUES (?) ON CONFLICT DO NOTHING'),
      on: db.prepare('DELETE FROM mail_notices_off WHERE user_id = ?'),
    };
  }

  async checkpoint(): Promise<number | null> {
    return this.statements.checkpoint.get() ?? null;
  }

  async saveCheckpoint(position: number): Promise<void> {
    this.statements.save.run(position);
  }

  async usersWithNoticesOff(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = this.db
      .prepare<string[], string>(`SELECT user_id FROM mail_notices_off WHERE user_id IN (${userIds.map(() => '?').join(', ')})`)
      .pluck()
      .all(...userIds);
    return new Set(rows);
  }

  async setNoticesOff(userId: string, off: boolean): Promise<void> {
    (off ? this.statements.off : this.statements.on).run(userId);
  }
}
