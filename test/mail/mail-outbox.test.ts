import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteMailOutbox } from '../../api/mail/sqlite-mail-outbox.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { describeMailOutbox } from './mail-outbox-contract.js';
import { sqliteMailStores } from './mail-fixture.js';

describeMailOutbox('SQLite', () => Promise.resolve(sqliteMailStores()));

describe('the SQLite mail outbox', () => {
  it('erases a person’s unsent mails through an index, which an outbox made before it gains when opened', () => {
    const directory = mkdtempSync(join(tmpdir(), 'mutua-outbox-index-'));
    try {
      const db = openSqliteDatabase(join(directory, 'mutua.sqlite'));
      new SqliteMailOutbox(db);
      // As a data directory of an earlier release left it: the outbox without the index.
      db.exec('DROP INDEX mail_outbox_by_recipient');
      new SqliteMailOutbox(db);

      const plan = db.prepare('EXPLAIN QUERY PLAN DELETE FROM mail_outbox WHERE recipient = ? AND sent_at IS NULL').all('a@coop.test') as Array<{ detail: string }>;
      expect(plan.map((step) => step.detail).join(' | ')).toContain('USING INDEX mail_outbox_by_recipient');
      db.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
