import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { AuthService } from '../../api/auth/auth-service.js';
import { type IdentityStore, type SessionRecord, type UserRecord } from '../../api/identity/identity-store.js';

/** What the identity store contract's set-up gives each test: two stores ("two processes") on one backend. */
export interface IdentityFixture {
  first(): IdentityStore;
  second(): IdentityStore;
  /** This test's run id, which every address it creates holds. */
  run(): string;
  newUser: (label: string, overrides?: Partial<UserRecord>) => UserRecord;
  sessionOf: (userId: string, overrides?: Partial<SessionRecord>) => SessionRecord;
}

/**
 * Authentication remembers the sessions it has checked while the store's change marker stays the
 * same: whatever another process does to an account or a session must end that at once. Run by
 * `describeIdentityStoreContract` on each backend, with its two stores.
 */
export function describeSessionMemory(fixture: IdentityFixture): void {
  describe('authentication remembering sessions', () => {
    const NOW = new Date('2025-03-01T10:00:00.000Z');
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    /** An account with a session in the first process, already used once there. */
    const signedIn = async (label: string) => {
      const user = fixture.newUser(label, { role: 'MEMBER', memberId: `member-${fixture.run()}` });
      await fixture.first().createUser(user);
      const token = randomUUID();
      const session = fixture.sessionOf(user.userId, { tokenHash: sha256(token) });
      await fixture.first().createSession(session);
      const auth = new AuthService(fixture.first(), 12, () => NOW);
      expect(await auth.authenticate(token)).toEqual({ userId: user.userId, role: 'MEMBER', memberId: `member-${fixture.run()}` });
      return { user, token, session, auth };
    };
    const refusal = (auth: AuthService, token: string) => auth.authenticate(token).then(() => 'accepted', (error: Error) => error.name);

    it('answers again from memory while nothing changes, and not past the session’s end', async () => {
      const { token, session } = await signedIn('memory');
      let now = NOW;
      const auth = new AuthService(fixture.first(), 12, () => now);
      const lookups = vi.spyOn(fixture.first(), 'findSession');
      await auth.authenticate(token);
      await auth.authenticate(token);
      // A store that cannot tell when it changes (null marker) is asked every time.
      expect(lookups).toHaveBeenCalledTimes(fixture.first().changeMarker() === null ? 2 : 1);
      now = new Date(session.expiresAt);
      expect(await refusal(auth, token)).toBe('AuthenticationError');
    });

    it('refuses at once a session signed out by another process', async () => {
      const { token, session, auth } = await signedIn('logout');
      await fixture.second().revokeSession(session.tokenHash, NOW.toISOString());
      expect(await refusal(auth, token)).toBe('AuthenticationError');
    });

    it('refuses at once the sessions of an account disabled, signed out everywhere or erased by another process', async () => {
      const disabled = await signedIn('disabled');
      const signedOut = await signedIn('signed-out');
      const erased = await signedIn('erased');
      await fixture.second().setDisabled(disabled.user.userId, NOW.toISOString());
      await fixture.second().revokeSessionsOf(signedOut.user.userId, NOW.toISOString());
      await fixture.second().eraseUser(erased.user.userId, NOW.toISOString());
      for (const { auth, token } of [disabled, signedOut, erased]) expect(await refusal(auth, token)).toBe('AuthenticationError');
    });

    it('refuses at once a session signed out in the same process', async () => {
      const { token, session, auth } = await signedIn('same-process');
      await fixture.first().revokeSession(session.tokenHash, NOW.toISOString());
      expect(await refusal(auth, token)).toBe('AuthenticationError');
    });
  });
}
