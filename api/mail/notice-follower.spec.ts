import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { openInMemoryReadModels } from '../../projections/tables/read-model-database.js';
import { SqliteIdentityStore } from '../identity/sqlite-identity-store.js';
import { type UserRecord } from '../identity/identity-store.js';
import { SqliteNoticeStore } from './notice-store.js';
import { SqliteMailOutbox } from './sqlite-mail-outbox.js';
import { NoticeFollower } from './notice-follower.js';

const NOW = new Date('2026-12-01T09:00:00.000Z');
const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };

const account = (userId: string, role: UserRecord['role'], memberId: string | null): UserRecord => ({
  userId, email: `${userId}@example.test`, passwordHash: 'hash', role, memberId,
  createdAt: NOW.toISOString(), disabledAt: null, sessionsValidFrom: null, erasedAt: null,
});

/** A period closed by the treasury: every member account is told its statement is ready. */
const periodClosed = (position: number): RecordedEvent => ({
  id: `event-${position}`, type: 'PeriodClosed', data: { from: '2026-11-01', to: '2026-12-01' },
  metadata: { correlationId: `c-${position}`, actorUserId: 'treasurer', actorRole: 'TREASURER' },
  streamId: `period-${position}`, revision: 0, position, recordedAt: NOW.toISOString(),
});

describe('the notice follower', () => {
  const database = new Database(':memory:');
  const readModels = openInMemoryReadModels();
  afterEach(async () => {
    database.close();
    await readModels.close();
  });

  it('lists the accounts once per pass, however many of its events call for a notice', async () => {
    const identity = new SqliteIdentityStore(database);
    for (const user of [account('treasurer', 'TREASURER', null), account('coop-1', 'MEMBER', 'coop'), account('coop-2', 'MEMBER', 'coop')]) {
      await identity.createUser(user);
    }
    const listUsers = vi.spyOn(identity, 'listUsers');
    const outbox = new SqliteMailOutbox(database);
    const notices = new SqliteNoticeStore(database);
    await notices.saveCheckpoint(0);
    const events = [1, 2, 3].map(periodClosed);
    const store = { readAll: () => Promise.resolve(events), headPosition: () => Promise.resolve(3) };
    const follower = new NoticeFollower(store, { db: readModels.db, currentPosition: 3 }, identity, outbox, notices, () => NOW, 'http://localhost', SILENT);

    expect(await follower.followOnce()).toBe(3);
    expect(listUsers).toHaveBeenCalledTimes(1);
    // Each member account is told of each close; the treasurer who closed them is not.
    expect(await outbox.stateOf('notice:event-3:coop-2')).toMatchObject({ attempts: 0, sentAt: null });
    expect(await outbox.stateOf('notice:event-1:treasurer')).toBeUndefined();
    expect(await notices.checkpoint()).toBe(3);
  });
});
