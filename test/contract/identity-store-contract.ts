/**
 * What every IdentityStore must do, written once and run against each of them: the SQLite file,
 * KurrentDB's stand-in, and a real KurrentDB server when one is configured.
 *
 * Every server process opens its own store on the shared backend, so most tests open two stores
 * ("two processes") and check that each sees what the other wrote. Each test names its users
 * after a fresh run id, so the suite also runs against a server that keeps earlier runs' users.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CalendarFeedStore } from '../../api/calendar-feeds/calendar-feed-store.js';
import { EmailTakenError, type IdentityStore, LastCoordinatorError, type SessionRecord, type UserRecord } from '../../api/identity/identity-store.js';
import { describeAccountErasure } from './account-erasure-contract.js';
import { describeCalendarFeeds } from './calendar-feed-contract.js';
import { describeOneTimeLinks } from './one-time-link-contract.js';
import { describeSessionMemory } from './session-memory-contract.js';
import { describeSessionRetention } from './session-retention-contract.js';

export interface IdentityBackend {
  /** Opens one more store on the backend, with its own connection, as another server process would. */
  openStore(): Promise<IdentityStore>;
  /** Opens a calendar feed store on the backend, with its own connection, as a server process does beside its identity store. */
  openFeedStore(): Promise<CalendarFeedStore>;
  /** Closes every store it opened and removes whatever the backend left behind. */
  dispose(): Promise<void>;
  /**
   * Everything the backend holds about accounts and sessions, as text, to search for personal data
   * after an erasure. A shared KurrentDB server offers none: it keeps tombstoned events until it is
   * scavenged, and its log is too big to read whole.
   */
  readEverything?: () => Promise<string>;
}

export interface IdentityContractOptions {
  /** The backend outlives the run and is shared: it already holds users and may gain more meanwhile. */
  sharedBackend?: boolean;
  /** The store keeps every session until its person is erased (KurrentDB's): `forgetSessionsEndedBefore` deletes none. */
  keepsEndedSessions?: boolean;
}

export function describeIdentityStoreContract(
  name: string,
  createBackend: () => Promise<IdentityBackend>,
  options: IdentityContractOptions = {},
): void {
  describe(`${name} honours the identity store contract`, () => {
    let backend: IdentityBackend;
    let first: IdentityStore;
    let second: IdentityStore;
    let run: string;
    /** A new account whose address is unique to this run; `label` keeps tests readable. */
    const newUser = (label: string, overrides: Partial<UserRecord> = {}): UserRecord => ({
      userId: randomUUID(),
      email: `${label}.${run}@example.test`,
      passwordHash: `scrypt$test$${randomUUID()}`,
      role: 'COORDINATOR',
      memberId: null,
      createdAt: '2025-03-01T09:00:00.000Z',
      disabledAt: null,
      sessionsValidFrom: null,
      erasedAt: null,
      ...overrides,
    });
    const ours = (users: readonly UserRecord[]) => users.filter((user) => user.email.includes(run));
    const sessionOf = (userId: string, overrides: Partial<SessionRecord> = {}): SessionRecord => ({
      tokenHash: createHash('sha256').update(randomUUID()).digest('hex'),
      userId,
      createdAt: '2025-03-01T09:00:00.000Z',
      expiresAt: '2025-03-01T21:00:00.000Z',
      revokedAt: null,
      ...overrides,
    });
    const expectCount = async (store: IdentityStore, count: number) => {
      if (options.sharedBackend) expect(await store.countUsers()).toBeGreaterThanOrEqual(count);
      else expect(await store.countUsers()).toBe(count);
    };

    beforeEach(async () => {
      backend = await createBackend();
      [first, second] = [await backend.openStore(), await backend.openStore()];
      run = randomUUID().slice(0, 8);
    });
    afterEach(async () => {
      await backend.dispose();
    });

    describe('users', () => {
      it('finds a created user by id, and by e-mail whatever its case, with the address normalised', async () => {
        const user = newUser('Alice', { email: `  Alice.${run}@Example.TEST ` });
        await first.createUser(user);

        const stored = { ...user, email: `alice.${run}@example.test` };
        expect(await first.findUserById(user.userId)).toEqual(stored);
        expect(await first.findUserByEmail(`alice.${run}@example.test`)).toEqual(stored);
        expect(await first.findUserByEmail(`ALICE.${run}@EXAMPLE.test`)).toEqual(stored);
      });

      it('keeps the role and member structure of a MEMBER account', async () => {
        const user = newUser('member', { role: 'MEMBER', memberId: `member-${run}` });
        await first.createUser(user);

        expect(await second.findUserById(user.userId)).toMatchObject({ role: 'MEMBER', memberId: `member-${run}` });
      });

      it('refuses a second account with the same e-mail, in another case, with an EmailTakenError', async () => {
        const original = newUser('bob');
        await first.createUser(original);
        const duplicate = newUser('bob', { email: original.email.toUpperCase() });

        await expect(first.createUser(duplicate)).rejects.toBeInstanceOf(EmailTakenError);
        await expect(second.createUser({ ...duplicate, userId: randomUUID() })).rejects.toBeInstanceOf(EmailTakenError);
        expect(await first.findUserById(duplicate.userId)).toBeUndefined();
        expect(await first.findUserByEmail(original.email)).toEqual(original);
      });

      it('lets exactly one of two processes win when both create an account with the same e-mail at once', async () => {
        const contenders = [newUser('carol'), newUser('carol')];
        const outcomes = await Promise.allSettled([first.createUser(contenders[0]!), second.createUser(contenders[1]!)]);

        const winners = contenders.filter((_, index) => outcomes[index]!.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        const loser = outcomes.find((outcome) => outcome.status === 'rejected');
        expect(loser?.status === 'rejected' && loser.reason).toBeInstanceOf(EmailTakenError);
        const winner = winners[0]!;
        for (const store of [first, second]) {
          expect(await store.findUserByEmail(winner.email)).toEqual(winner);
          expect(ours(await store.listUsers())).toEqual([winner]);
        }
        expect(await first.findUserById(contenders.find((user) => user !== winner)!.userId)).toBeUndefined();
      });

      it('lists users ordered by e-mail and counts them, in every process', async () => {
        const countBefore = await first.countUsers();
        const users = [newUser('zoe'), newUser('adele'), newUser('marc', { role: 'TREASURER' })];
        for (const user of users) await first.createUser(user);

        const byEmail = [users[1], users[2], users[0]];
        for (const store of [first, second]) {
          expect(ours(await store.listUsers())).toEqual(byEmail);
          if (options.sharedBackend) expect(await store.countUsers()).toBeGreaterThanOrEqual(countBefore + 3);
          else expect(await store.countUsers()).toBe(countBefore + 3);
        }
      });

      // A real KurrentDB server keeps earlier runs' accounts: emptiness is checked on SQLite and the stand-in only.
      it.skipIf(options.sharedBackend)('counts no user and lists none on an empty backend', async () => {
        expect(await first.countUsers()).toBe(0);
        expect(await first.listUsers()).toEqual([]);
      });

      it('answers undefined for an unknown id or e-mail', async () => {
        await first.createUser(newUser('known'));

        expect(await first.findUserById(randomUUID())).toBeUndefined();
        expect(await first.findUserByEmail(`unknown.${run}@example.test`)).toBeUndefined();
      });

      it('shows the users created by one process to another', async () => {
        const user = newUser('dora');
        await first.createUser(user);

        expect(await second.findUserById(user.userId)).toEqual(user);
        expect(await second.findUserByEmail(user.email)).toEqual(user);
        expect(ours(await second.listUsers())).toEqual([user]);
      });
    });

    describe('sessions', () => {
      let user: UserRecord;
      const newSession = (overrides: Partial<SessionRecord> = {}) => sessionOf(user.userId, overrides);

      beforeEach(async () => {
        user = newUser('session-owner');
        await first.createUser(user);
      });

      it('finds a created session, in another process too', async () => {
        const session = newSession();
        await first.createSession(session);

        expect(await first.findSession(session.tokenHash)).toEqual(session);
        expect(await second.findSession(session.tokenHash)).toEqual(session);
      });

      it('revokes a session for every process, and a later revocation keeps the first time', async () => {
        const session = newSession();
        await first.createSession(session);

        await second.revokeSession(session.tokenHash, '2025-03-01T10:00:00.000Z');
        expect(await first.findSession(session.tokenHash)).toEqual({ ...session, revokedAt: '2025-03-01T10:00:00.000Z' });

        await first.revokeSession(session.tokenHash, '2025-03-01T11:00:00.000Z');
        expect(await second.findSession(session.tokenHash)).toEqual({ ...session, revokedAt: '2025-03-01T10:00:00.000Z' });
      });

      it('leaves other sessions of the same user alone when one is revoked', async () => {
        const [revoked, kept] = [newSession(), newSession()];
        await first.createSession(revoked);
        await first.createSession(kept);

        await first.revokeSession(revoked.tokenHash, '2025-03-01T10:00:00.000Z');
        expect(await second.findSession(kept.tokenHash)).toEqual(kept);
      });

      it('answers undefined for an unknown session, even after an attempt to revoke it', async () => {
        const unknown = newSession();

        expect(await first.findSession(unknown.tokenHash)).toBeUndefined();
        await first.revokeSession(unknown.tokenHash, '2025-03-01T10:00:00.000Z');
        expect(await second.findSession(unknown.tokenHash)).toBeUndefined();
      });
    });

    describe('shared secrets', () => {
      it('gives every process the secret stored first, even when two choose one at once', async () => {
        const name = `test-${run}`;
        const [fromFirst, fromSecond] = await Promise.all([first.sharedSecret(name, 'chosen-by-first'), second.sharedSecret(name, 'chosen-by-second')]);
        expect(fromFirst).toBe(fromSecond);
        expect(['chosen-by-first', 'chosen-by-second']).toContain(fromFirst);
        expect(await second.sharedSecret(name, 'chosen-later')).toBe(fromFirst);
        expect(await first.sharedSecret(`other-${run}`, 'another')).toBe('another');
      });
    });

    describe('disabling and signing out everywhere', () => {
      const DISABLED_AT = '2025-03-02T10:00:00.000Z';

      it('disables an account, which every process still finds with disabledAt set, then enables it again', async () => {
        const [user, other] = [newUser('disabled'), newUser('other')];
        await first.createUser(user);
        await first.createUser(other);

        await first.setDisabled(user.userId, DISABLED_AT);
        const disabled = { ...user, disabledAt: DISABLED_AT };
        for (const store of [first, second]) {
          expect(await store.findUserById(user.userId)).toEqual(disabled);
          expect(await store.findUserByEmail(user.email)).toEqual(disabled);
          expect(ours(await store.listUsers())).toEqual([disabled, other]);
        }

        await second.setDisabled(user.userId, null);
        expect(await first.findUserById(user.userId)).toEqual(user);
        expect(await first.findUserById(other.userId)).toEqual(other);
      });

      it('closes every session of a user from an instant on, for every process, a later call moving the instant', async () => {
        const [user, other] = [newUser('everywhere'), newUser('other')];
        await first.createUser(user);
        await first.createUser(other);

        await first.revokeSessionsOf(user.userId, '2025-03-02T10:00:00.000Z');
        expect(await second.findUserById(user.userId)).toEqual({ ...user, sessionsValidFrom: '2025-03-02T10:00:00.000Z' });
        await second.revokeSessionsOf(user.userId, '2025-03-03T10:00:00.000Z');
        expect(await first.findUserByEmail(user.email)).toEqual({ ...user, sessionsValidFrom: '2025-03-03T10:00:00.000Z' });
        expect(await first.findUserById(other.userId)).toEqual(other);
      });

      it('does nothing when disabling, enabling or signing out an unknown or erased account', async () => {
        const [erased, kept] = [newUser('erased'), newUser('kept')];
        await first.createUser(erased);
        await first.createUser(kept);
        await first.eraseUser(erased.userId, DISABLED_AT);
        const countBefore = await first.countUsers();

        for (const userId of [erased.userId, randomUUID()]) {
          await first.setDisabled(userId, DISABLED_AT);
          await second.revokeSessionsOf(userId, DISABLED_AT);
          await second.setDisabled(userId, null);
          expect(await first.findUserById(userId)).toBeUndefined();
        }
        expect(await second.findUserByEmail(erased.email)).toBeUndefined();
        expect(ours(await second.listUsers())).toEqual([kept]);
        await expectCount(second, countBefore);
      });
    });

    describe('changing a role', () => {
      it('gives an account another role and structure, for every process, and takes the structure away again', async () => {
        const [user, other] = [newUser('changing-role', { role: 'TREASURER' }), newUser('other')];
        await first.createUser(user);
        await first.createUser(other);

        await first.changeRole(user.userId, 'MEMBER', `member-${run}`);
        for (const store of [first, second]) {
          expect(await store.findUserById(user.userId)).toEqual({ ...user, role: 'MEMBER', memberId: `member-${run}` });
          expect(await store.findUserByEmail(user.email)).toEqual({ ...user, role: 'MEMBER', memberId: `member-${run}` });
        }
        await second.changeRole(user.userId, 'AUDITOR', null);
        expect(await first.findUserById(user.userId)).toEqual({ ...user, role: 'AUDITOR' });
        expect(await first.findUserById(other.userId)).toEqual(other);
      });

      it('does nothing for an unknown or erased account', async () => {
        const [erased, kept] = [newUser('erased', { role: 'AUDITOR' }), newUser('kept')];
        await first.createUser(erased);
        await first.createUser(kept);
        await first.eraseUser(erased.userId, '2025-03-02T10:00:00.000Z');
        for (const userId of [erased.userId, randomUUID()]) {
          await second.changeRole(userId, 'TREASURER', null);
          expect(await first.findUserById(userId)).toBeUndefined();
        }
        expect(ours(await second.listUsers())).toEqual([kept]);
      });
    });

    // A shared server holds earlier runs' coordinators: "the last one" exists only on a backend of this run's own.
    describe.skipIf(options.sharedBackend)('keeping an active coordinator', () => {
      const AT = '2025-03-02T10:00:00.000Z';

      it('refuses to disable or demote the last active coordinator, and changes nothing', async () => {
        const [last, treasurer] = [newUser('last'), newUser('treasurer', { role: 'TREASURER' })];
        await first.createUser(last);
        await first.createUser(treasurer);

        await expect(first.setDisabled(last.userId, AT)).rejects.toBeInstanceOf(LastCoordinatorError);
        await expect(second.changeRole(last.userId, 'AUDITOR', null)).rejects.toBeInstanceOf(LastCoordinatorError);
        expect(await second.findUserById(last.userId)).toEqual(last);
        await second.setDisabled(treasurer.userId, AT);
        await first.changeRole(treasurer.userId, 'AUDITOR', null);
        expect(await second.findUserById(treasurer.userId)).toEqual({ ...treasurer, role: 'AUDITOR', disabledAt: AT });
      });

      it('lets a coordinator go once another is active, and counts neither a disabled one nor an erased one', async () => {
        const [leaving, staying, disabled, erased] = [newUser('leaving'), newUser('staying'), newUser('disabled'), newUser('erased')];
        for (const user of [leaving, staying, disabled, erased]) await first.createUser(user);
        await second.setDisabled(disabled.userId, AT);
        await second.eraseUser(erased.userId, AT);

        await first.changeRole(leaving.userId, 'TREASURER', null);
        await expect(second.setDisabled(staying.userId, AT)).rejects.toBeInstanceOf(LastCoordinatorError);
        await second.setDisabled(disabled.userId, null);
        await second.setDisabled(staying.userId, AT);
        await expect(first.changeRole(disabled.userId, 'AUDITOR', null)).rejects.toBeInstanceOf(LastCoordinatorError);
        await first.changeRole(leaving.userId, 'COORDINATOR', null);
        await first.changeRole(disabled.userId, 'AUDITOR', null);
        expect((await second.findUserById(leaving.userId))?.role).toBe('COORDINATOR');
      });

      it('lets one of two processes, not both, disable the two last coordinators at once', async () => {
        const pair = [newUser('one'), newUser('two')] as const;
        for (const user of pair) await first.createUser(user);

        const outcomes = await Promise.allSettled([first.setDisabled(pair[1].userId, AT), second.setDisabled(pair[0].userId, AT)]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const refused = outcomes.find((outcome) => outcome.status === 'rejected');
        expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(LastCoordinatorError);
        const active = [];
        for (const user of pair) if ((await first.findUserById(user.userId))?.disabledAt === null) active.push(user.userId);
        expect(active).toHaveLength(1);
      });
    });

    describe('changing a password', () => {
      const CHANGED_AT = '2025-03-02T10:00:00.000Z';

      it('replaces the hash for every process and revokes every session of the user but the kept one', async () => {
        const [user, other] = [newUser('changing'), newUser('other')];
        await first.createUser(user);
        await first.createUser(other);
        const [kept, revoked, alreadyRevoked, othersSession] = [
          sessionOf(user.userId), sessionOf(user.userId), sessionOf(user.userId, { revokedAt: '2025-03-01T12:00:00.000Z' }), sessionOf(other.userId),
        ];
        for (const session of [kept, revoked, alreadyRevoked, othersSession]) await first.createSession(session);

        await second.changePassword(user.userId, 'scrypt$new$hash', kept.tokenHash, CHANGED_AT);
        for (const store of [first, second]) {
          expect(await store.findUserById(user.userId)).toEqual({ ...user, passwordHash: 'scrypt$new$hash' });
          expect(await store.findUserByEmail(user.email)).toEqual({ ...user, passwordHash: 'scrypt$new$hash' });
          expect(await store.findSession(kept.tokenHash)).toEqual(kept);
          expect(await store.findSession(revoked.tokenHash)).toEqual({ ...revoked, revokedAt: CHANGED_AT });
          expect(await store.findSession(alreadyRevoked.tokenHash)).toEqual(alreadyRevoked);
          expect(await store.findSession(othersSession.tokenHash)).toEqual(othersSession);
          expect(await store.findUserById(other.userId)).toEqual(other);
        }
      });

      it('does nothing for an unknown or erased account', async () => {
        const erased = newUser('erased');
        await first.createUser(erased);
        await first.eraseUser(erased.userId, CHANGED_AT);
        for (const userId of [erased.userId, randomUUID()]) {
          await second.changePassword(userId, 'scrypt$new$hash', 'no-such-session', CHANGED_AT);
          expect(await first.findUserById(userId)).toBeUndefined();
        }
        expect(await second.findUserByEmail(erased.email)).toBeUndefined();
      });
    });

    const fixture = { first: () => first, second: () => second, run: () => run, newUser, sessionOf };
    describeAccountErasure({ ...fixture, backend: () => backend, ours, expectCount }, options);
    describeSessionMemory(fixture);
    describeOneTimeLinks(fixture);
    describeSessionRetention(fixture, options);
    describeCalendarFeeds(() => backend);
  });
}
