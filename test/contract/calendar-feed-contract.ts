import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type CalendarFeedRecord } from '../../api/calendar-feeds/calendar-feed-store.js';
import { type IdentityBackend } from './identity-store-contract.js';

const T0 = '2025-03-02T09:00:00.000Z';
const T1 = '2025-03-03T09:00:00.000Z';
const T2 = '2025-03-04T09:00:00.000Z';
const T3 = '2025-03-05T09:00:00.000Z';

/**
 * The secret calendar addresses kept beside the accounts. Run by `describeIdentityStoreContract`
 * on each backend, with two feed stores on it ("two processes").
 */
export function describeCalendarFeeds(backend: () => IdentityBackend): void {
  describe('calendar feed addresses', () => {
    const feedOf = (ownerUserId: string, createdAt: string, target: Partial<CalendarFeedRecord> = {}): CalendarFeedRecord => ({
      feedId: createHash('sha256').update(randomUUID()).digest('hex'), ownerUserId, resourceId: 'resource-1', memberId: null, createdAt, revokedAt: null, ...target,
    });
    const byId = (feeds: readonly CalendarFeedRecord[]) => [...feeds].sort((left, right) => left.feedId.localeCompare(right.feedId));

    it('revokes every address a person holds at once, for every process, leaving those revoked before, other people’s and later ones alone', async () => {
      const [first, second] = [await backend().openFeedStore(), await backend().openFeedStore()];
      const [owner, someoneElse] = [randomUUID(), randomUUID()];
      const room = feedOf(owner, '2025-03-01T09:00:00.000Z');
      const structure = feedOf(owner, '2025-03-01T10:00:00.000Z', { resourceId: null, memberId: 'member-1' });
      const revokedBefore = feedOf(owner, '2025-03-01T11:00:00.000Z');
      const theirs = feedOf(someoneElse, '2025-03-01T12:00:00.000Z');
      for (const feed of [room, structure, revokedBefore, theirs]) await first.create(feed);
      await first.revoke(revokedBefore.feedId, T0);

      await second.revokeAllOwnedBy(owner, T1);

      expect(byId(await first.listOwnedBy(owner))).toEqual(byId([{ ...room, revokedAt: T1 }, { ...structure, revokedAt: T1 }, { ...revokedBefore, revokedAt: T0 }]));
      expect(await first.find(theirs.feedId)).toEqual(theirs);
      const later = feedOf(owner, T2);
      await second.create(later);
      expect(await first.find(later.feedId)).toEqual(later);
      // Only the first revocation counts, whichever way each came.
      await first.revoke(room.feedId, T2);
      await first.revokeAllOwnedBy(owner, T3);
      expect(await second.find(room.feedId)).toEqual({ ...room, revokedAt: T1 });
      expect(await second.find(later.feedId)).toEqual({ ...later, revokedAt: T3 });
    });

    it('lists a person’s addresses oldest first, those created at the same instant by id, on every backend', async () => {
      const store = await backend().openFeedStore();
      const owner = randomUUID();
      const sameInstant = [feedOf(owner, T1), feedOf(owner, T1), feedOf(owner, T1)];
      const earlier = feedOf(owner, T0);
      for (const feed of [...sameInstant, earlier]) await store.create(feed);

      expect(await store.listOwnedBy(owner)).toEqual([earlier, ...byId(sameInstant)]);
    });

    it('revokes nothing, and fails not, for a person without addresses', async () => {
      const store = await backend().openFeedStore();
      const nobody = randomUUID();
      await store.revokeAllOwnedBy(nobody, T1);
      expect(await store.listOwnedBy(nobody)).toEqual([]);
    });
  });
}
