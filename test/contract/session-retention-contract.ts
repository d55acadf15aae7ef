import { describe, expect, it } from 'vitest';
import { type IdentityContractOptions } from './identity-store-contract.js';
import { type IdentityFixture } from './session-memory-contract.js';

/**
 * Ended sessions are deleted after a while (`forgetSessionsEndedBefore`): personal data kept no
 * longer than needed. Run by `describeIdentityStoreContract` on each backend, with its two stores;
 * a store that keeps every session until its person is erased (KurrentDB's) deletes none.
 */
export function describeSessionRetention(fixture: IdentityFixture, options: IdentityContractOptions): void {
  describe('sessions ended long ago', () => {
    it('deletes the sessions ended before an instant, however they ended, for every process, and keeps the others', async () => {
      const { newUser, sessionOf } = fixture;
      const [first, second] = [fixture.first(), fixture.second()];
      const user = newUser('session-owner');
      const closedUser = newUser('closed-everywhere');
      for (const account of [user, closedUser]) await first.createUser(account);
      const ended = {
        expired: sessionOf(user.userId, { expiresAt: '2025-03-31T23:59:59.999Z' }),
        revoked: sessionOf(user.userId, { expiresAt: '2025-04-10T00:00:00.000Z', revokedAt: '2025-03-31T12:00:00.000Z' }),
        closed: sessionOf(closedUser.userId, { expiresAt: '2025-04-10T00:00:00.000Z' }),
      };
      const kept = {
        valid: sessionOf(user.userId, { expiresAt: '2025-04-10T00:00:00.000Z' }),
        expiredLater: sessionOf(user.userId, { expiresAt: '2025-04-01T00:00:00.000Z' }),
        revokedLater: sessionOf(user.userId, { expiresAt: '2025-04-10T00:00:00.000Z', revokedAt: '2025-04-01T00:00:00.000Z' }),
      };
      for (const session of [...Object.values(ended), ...Object.values(kept)]) await first.createSession(session);
      await first.revokeSessionsOf(closedUser.userId, '2025-03-31T00:00:00.000Z');

      const deleted = await second.forgetSessionsEndedBefore('2025-04-01T00:00:00.000Z');

      expect(deleted).toBe(options.keepsEndedSessions ? 0 : 3);
      for (const session of Object.values(ended)) {
        if (options.keepsEndedSessions) expect(await first.findSession(session.tokenHash)).toBeDefined();
        else expect(await first.findSession(session.tokenHash)).toBeUndefined();
      }
      for (const session of Object.values(kept)) expect(await first.findSession(session.tokenHash)).toEqual(session);
    });
  });
}
