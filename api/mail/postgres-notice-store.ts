import type pg from 'pg';
import { type NoticeStore } from './notice-store.js';
import { createTablesOnce } from '../postgres/postgres-tables.js';

/** In the PostgreSQL database, beside the outbox: every server following the log shares one checkpoint. */
export class PostgresNoticeStore implements NoticeStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(pool: pg.Pool): Promise<PostgresNoticeStore> {
    await createTablesOnce(pool, ['mail_notice_checkpoint', 'mail_notices_off'], `
      CREATE TABLE IF NOT EXISTS mail_notice_checkpoint (
        id       integer PRIMARY KEY CHECK (id = 1),
        position bigint NOT NULL
      );
      CREATE TABLE IF NOT EXISTS mail_notices_off (
        user_id text PRIMARY KEY
      );
    `);
    return new PostgresNoticeStore(pool);
  }

  async checkpoint(): Promise<number | null> {
    const { rows } = await this.pool.query<{ position: number }>('SELECT position FROM mail_notice_checkpoint WHERE id = 1');
    return rows[0]?.position ?? null;
  }

  async saveCheckpoint(position: number): Promise<void> {
    // Never backwards: two servers following the log may save in any order.
    await this.pool.query(
      `INSERT INTO mail_notice_checkpoint (id, position) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET position = greatest(mail_notice_checkpoint.position, excluded.position)`,
      [position],
    );
  }

  async usersWithNoticesOff(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ user_id: string }>('SELECT user_id FROM mail_notices_off WHERE user_id = ANY($1::text[])', [userIds]);
    return new Set(rows.map((row) => row.user_id));
  }

  async setNoticesOff(userId: string, off: boolean): Promise<void> {
    if (off) await this.pool.query('INSERT INTO mail_notices_off (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [userId]);
    else await this.pool.query('DELETE FROM mail_notices_off WHERE user_id = $1', [userId]);
  }
}
