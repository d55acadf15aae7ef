import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EmailTakenError, type IdentityStore, type UserRecord } from '../../api/identity/identity-store.js';
import { type IdentityBackend, type IdentityContractOptions } from './identity-store-contract.js';
import { type IdentityFixture } from './session-memory-contract.js';

/** What the erasure cases need besides the two stores: the backend itself, to search it for personal data. */
export interface ErasureFixture extends IdentityFixture {
  backend(): IdentityBackend;
  /** The users of a list that this run created. */
  ours: (users: readonly UserRecord[]) => UserRecord[];
  /** The store counts this many users (at least this many on a shared backend). */
  expectCount: (store: IdentityStore, count: number) => Promise<void>;
}

/**
 * Erasing a person (GDPR): their address, password and sessions leave the backend, the address is
 * free again, and nobody else's account is touched. Run by `describeIdentityStoreContract` on each
 * backend, with its two stores.
 */
export function describeAccountErasure(fixture: ErasureFixture, options: IdentityContractOptions): void {
  const { newUser, sessionOf, ours, expectCount } = fixture;

  describe('erasure', () => {
    const ERASED_AT = '2025-03-02T10:00:00.000Z';

    it('erases a person: found neither by id nor by e-mail, not listed, still counted, in every process', async () => {
      const [erased, kept] = [newUser('erased'), newUser('kept')];
      await fixture.first().createUser(erased);
      await fixture.first().createUser(kept);
      const countBefore = await fixture.first().countUsers();

      await fixture.first().eraseUser(erased.userId, ERASED_AT);
      for (const store of [fixture.first(), fixture.second()]) {
        expect(await store.findUserById(erased.userId)).toBeUndefined();
        expect(await store.findUserByEmail(erased.email)).toBeUndefined();
        expect(ours(await store.listUsers())).toEqual([kept]);
        await expectCount(store, countBefore);
        expect(await store.findUserById(kept.userId)).toEqual(kept);
        expect(await store.findUserByEmail(kept.email)).toEqual(kept);
      }
    });

    it('ends the erased person’s sessions, and theirs only: they are no longer found', async () => {
      const [erased, kept] = [newUser('erased'), newUser('kept')];
      await fixture.first().createUser(erased);
      await fixture.first().createUser(kept);
      const erasedSessions = [sessionOf(erased.userId), sessionOf(erased.userId, { revokedAt: '2025-03-01T10:00:00.000Z' })];
      const keptSession = sessionOf(kept.userId);
      for (const session of [...erasedSessions, keptSession]) await fixture.first().createSession(session);

      await fixture.second().eraseUser(erased.userId, ERASED_AT);
      for (const session of erasedSessions) {
        expect(await fixture.first().findSession(session.tokenHash)).toBeUndefined();
        await fixture.first().revokeSession(session.tokenHash, ERASED_AT);
        expect(await fixture.second().findSession(session.tokenHash)).toBeUndefined();
      }
      expect(await fixture.first().findSession(keptSession.tokenHash)).toEqual(keptSession);
    });

    // A real server keeps a tombstoned stream's events in `$all` until an operator's scavenge (see
    // `readEverything`), and a test cannot run one: SQLite and the stand-in, which acts as if one had run.
    it.skipIf(options.sharedBackend)('leaves neither the e-mail address nor the password hash anywhere in the backend', async () => {
      const [erased, kept] = [newUser('Forget.Me', { email: `  Forget.Me.${fixture.run()}@Example.TEST ` }), newUser('kept')];
      const erasedEmail = `forget.me.${fixture.run()}@example.test`;
      await fixture.first().createUser(erased);
      await fixture.first().createUser(kept);
      await fixture.first().createSession(sessionOf(erased.userId));
      await fixture.first().setDisabled(erased.userId, ERASED_AT);
      await fixture.first().revokeSessionsOf(erased.userId, ERASED_AT);
      expect(fixture.backend().readEverything).toBeDefined();
      const before = (await fixture.backend().readEverything!()).toLowerCase();
      expect(before).toContain(erasedEmail);
      expect(before).toContain(erased.passwordHash.toLowerCase());

      await fixture.second().eraseUser(erased.userId, ERASED_AT);
      const after = (await fixture.backend().readEverything!()).toLowerCase();
      expect(after).not.toContain(erasedEmail);
      expect(after).not.toContain(erased.passwordHash.toLowerCase());
      expect(after).toContain(kept.email);
      expect(after).toContain(kept.passwordHash.toLowerCase());
    });

    it('gives the address of an erased person to a new account, and again once that one is erased', async () => {
      const accounts = [newUser('comeback'), newUser('comeback'), newUser('comeback')];
      const [firstAccount, secondAccount, thirdAccount] = accounts as [UserRecord, UserRecord, UserRecord];
      await fixture.first().createUser(firstAccount);
      await fixture.first().eraseUser(firstAccount.userId, ERASED_AT);

      await fixture.second().createUser(secondAccount);
      expect(await fixture.first().findUserByEmail(firstAccount.email)).toEqual(secondAccount);
      await expect(fixture.first().createUser({ ...newUser('comeback'), email: firstAccount.email.toUpperCase() })).rejects.toBeInstanceOf(EmailTakenError);
      await fixture.second().eraseUser(secondAccount.userId, ERASED_AT);

      await fixture.first().createUser(thirdAccount);
      for (const store of [fixture.first(), fixture.second()]) {
        expect(await store.findUserByEmail(firstAccount.email)).toEqual(thirdAccount);
        expect(await store.findUserById(firstAccount.userId)).toBeUndefined();
        expect(await store.findUserById(secondAccount.userId)).toBeUndefined();
        expect(ours(await store.listUsers())).toEqual([thirdAccount]);
      }
    });

    it('does nothing when erasing an account twice, or an unknown one', async () => {
      const [erased, kept] = [newUser('erased'), newUser('kept')];
      await fixture.first().createUser(erased);
      await fixture.first().createUser(kept);
      await fixture.first().eraseUser(erased.userId, ERASED_AT);
      const countBefore = await fixture.first().countUsers();

      await fixture.second().eraseUser(erased.userId, '2025-03-03T10:00:00.000Z');
      await fixture.first().eraseUser(randomUUID(), ERASED_AT);
      expect(await fixture.first().findUserById(erased.userId)).toBeUndefined();
      expect(ours(await fixture.second().listUsers())).toEqual([kept]);
      await expectCount(fixture.second(), countBefore);
    });

    it('lets only the erased account go when two processes erase it at once', async () => {
      const [erased, kept] = [newUser('erased'), newUser('kept')];
      await fixture.first().createUser(erased);
      await fixture.first().createUser(kept);
      await fixture.first().createSession(sessionOf(erased.userId));

      await Promise.all([fixture.first().eraseUser(erased.userId, ERASED_AT), fixture.second().eraseUser(erased.userId, ERASED_AT)]);
      expect(await fixture.second().findUserByEmail(erased.email)).toBeUndefined();
      expect(ours(await fixture.first().listUsers())).toEqual([kept]);
    });
  });
}
