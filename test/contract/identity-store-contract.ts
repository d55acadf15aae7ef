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
import { EmailTakenError, type IdentityStore, type SessionRecord, type UserRecord } from '../../api/identity/identity-store.js';

export interface IdentityBackend {
  /** Opens one more store on the backend, with its own connection, as another server process would. */
  openStore(): Promise<IdentityStore>;
  /** Closes every store it opened and removes whatever the backend left behind. */
  dispose(): Promise<void>;
}

export interface IdentityContractOptions {
  /** The backend outlives the run and is shared: it already holds users and may gain more meanwhile. */
  sharedBackend?: boolean;
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
      const newSession = (overrides: Partial<SessionRecord> = {}): SessionRecord => ({
        tokenHash: createHash('sha256').update(randomUUID()).digest('hex'),
        userId: user.userId,
        createdAt: '2025-03-01T09:00:00.000Z',
        expiresAt: '2025-03-01T21:00:00.000Z',
        revokedAt: null,
        ...overrides,
      });

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
  });
}
