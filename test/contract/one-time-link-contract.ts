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
      passwordFingerprint: createHash('sha256').update(userId).digest('hex'),
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

    describe('issued within a limit', () => {
      const reset = (userId: string, createdAt: string) => linkOf(userId, { purpose: 'PASSWORD_RESET', createdAt });
      const limit = (atMost: number, createdAfter: string) => ({ atMost, createdAfter });

      it('counts the user’s links of the purpose created after the instant, by either method, in either process, used or not', async () => {
        const user = fixture.newUser('limited');
        await fixture.first().createUser(user);
        const earliest = reset(user.userId, '2025-03-01T09:00:00.000Z');
        await fixture.first().issueOneTimeLink(earliest);
        expect(await fixture.second().issueOneTimeLinkWithin(reset(user.userId, '2025-03-01T09:20:00.000Z'), limit(3, '2025-03-01T08:40:00.000Z'))).toBe(true);
        const used = reset(user.userId, '2025-03-01T09:40:00.000Z');
        expect(await fixture.first().issueOneTimeLinkWithin(used, limit(3, '2025-03-01T08:40:00.000Z'))).toBe(true);
        await fixture.second().useOneTimeLink(used.tokenHash, '2025-03-01T09:41:00.000Z');

        const refused = reset(user.userId, '2025-03-01T09:50:00.000Z');
        expect(await fixture.second().issueOneTimeLinkWithin(refused, limit(3, '2025-03-01T08:50:00.000Z'))).toBe(false);
        expect(await fixture.first().findOneTimeLink(refused.tokenHash)).toBeUndefined();
        // The instant itself is excluded: the earliest link, created at it, no longer counts.
        const next = reset(user.userId, '2025-03-01T10:00:00.000Z');
        expect(await fixture.first().issueOneTimeLinkWithin(next, limit(3, earliest.createdAt))).toBe(true);
        expect(await fixture.second().findOneTimeLink(next.tokenHash)).toEqual(next);
      });

      it('counts neither another purpose nor another user’s links', async () => {
        const [user, other] = [fixture.newUser('purposes'), fixture.newUser('bystander')];
        await fixture.first().createUser(user);
        await fixture.first().createUser(other);
        await fixture.first().issueOneTimeLink(linkOf(user.userId, { purpose: 'INVITATION', createdAt: '2025-03-01T09:00:00.000Z' }));
        await fixture.second().issueOneTimeLink(reset(other.userId, '2025-03-01T09:00:00.000Z'));

        expect(await fixture.second().issueOneTimeLinkWithin(reset(user.userId, '2025-03-01T09:10:00.000Z'), limit(1, '2025-03-01T08:00:00.000Z'))).toBe(true);
        expect(await fixture.first().issueOneTimeLinkWithin(reset(user.userId, '2025-03-01T09:20:00.000Z'), limit(1, '2025-03-01T08:00:00.000Z'))).toBe(false);
      });

      it('lets no more links through when they are asked at once in two processes than one after the other', async () => {
        const user = fixture.newUser('flooded');
        await fixture.first().createUser(user);
        const links = Array.from({ length: 8 }, () => reset(user.userId, '2025-03-01T09:00:00.000Z'));

        const outcomes = await Promise.all(links.map((link, index) =>
          (index % 2 === 0 ? fixture.first() : fixture.second()).issueOneTimeLinkWithin(link, limit(3, '2025-03-01T08:00:00.000Z'))));
        expect(outcomes.filter(Boolean)).toHaveLength(3);
        const found = await Promise.all(links.map((link) => fixture.second().findOneTimeLink(link.tokenHash)));
        expect(found.map((link) => link !== undefined)).toEqual(outcomes);
      });
    });

    it('uses no link for a token hash nobody issued', async () => {
      const unknown = createHash('sha256').update(randomUUID()).digest('hex');
      expect(await fixture.first().useOneTimeLink(unknown, '2025-03-01T10:00:00.000Z')).toBe(false);
      expect(await fixture.second().findOneTimeLink(unknown)).toBeUndefined();
    });
  });
}
