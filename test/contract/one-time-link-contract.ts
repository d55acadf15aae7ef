import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type OneTimeLinkRecord } from '../../api/identity/identity-store.js';
import { type IdentityFixture } from './session-memory-contract.js';

/**
 * Invitation and reset links: stored by the hash of their token, used at most once whichever
 * process asks. Run by `describeIdentityStoreContract` on each backend, with its two stores.
 */
export function describeOneTimeLinks(fixture: IdentityFixture): void {
  describe('one-time links', () => {
    const linkOf = (userId: string, overrides: Partial<OneTimeLinkRecord> = {}): OneTimeLinkRecord => ({
      tokenHash: createHash('sha256').update(randomUUID()).digest('hex'),
      userId,
      purpose: 'INVITATION',
      createdAt: '2025-03-01T09:00:00.000Z',
      expiresAt: '2025-03-04T09:00:00.000Z',
      usedAt: null,
      ...overrides,
    });

    it('finds an issued link by its token hash in every process, and nothing for another hash', async () => {
      const user = fixture.newUser('invited');
      await fixture.first().createUser(user);
      const link = linkOf(user.userId, { purpose: 'PASSWORD_RESET' });
      await fixture.first().issueOneTimeLink(link);

      expect(await fixture.second().findOneTimeLink(link.tokenHash)).toEqual(link);
      expect(await fixture.second().findOneTimeLink('0'.repeat(64))).toBeUndefined();
    });

    it('lets a link be used once: the second use, in another process, is refused and the first instant kept', async () => {
      const user = fixture.newUser('resetting');
      await fixture.first().createUser(user);
      const link = linkOf(user.userId);
      await fixture.first().issueOneTimeLink(link);

      expect(await fixture.first().useOneTimeLink(link.tokenHash, '2025-03-01T10:00:00.000Z')).toBe(true);
      expect(await fixture.second().useOneTimeLink(link.tokenHash, '2025-03-01T11:00:00.000Z')).toBe(false);
      expect(await fixture.second().findOneTimeLink(link.tokenHash)).toEqual({ ...link, usedAt: '2025-03-01T10:00:00.000Z' });
    });

    it('lets exactly one of two processes using the same link at once succeed', async () => {
      const user = fixture.newUser('racing');
      await fixture.first().createUser(user);
      const link = linkOf(user.userId);
      await fixture.first().issueOneTimeLink(link);

      const outcomes = await Promise.all([
        fixture.first().useOneTimeLink(link.tokenHash, '2025-03-01T10:00:00.000Z'),
        fixture.second().useOneTimeLink(link.tokenHash, '2025-03-01T10:00:00.000Z'),
      ]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    });

    it('uses no link for a token hash nobody issued', async () => {
      const unknown = createHash('sha256').update(randomUUID()).digest('hex');
      expect(await fixture.first().useOneTimeLink(unknown, '2025-03-01T10:00:00.000Z')).toBe(false);
      expect(await fixture.second().findOneTimeLink(unknown)).toBeUndefined();
    });
  });
}
