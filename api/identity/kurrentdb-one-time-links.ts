/**
 * The one-time links (invitations and password resets) of the KurrentDB identity store. Apart
 * from the accounts and sessions because they share none of their streams, nor any personal data:
 * the person is named by id, so nothing here is erased with them.
 *
 * - `identity-link-<tokenHash>`: `LinkIssued` (with the fingerprint of the password it is bound to,
 *   since links are bound to one), then at most one `LinkUsed`.
 * - `identity-links-of-<userId>-<purpose>`: `LinkListed` (token hash and creation instant), one per
 *   link, so that the links of a purpose a user was issued lately can be counted. Links issued
 *   before this stream existed are not in it: they never count towards a limit.
 */
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventStore, type RecordedEvent } from '../../eventstore/event-store.js';
import { IDENTITY_STREAM_PREFIX, type OneTimeLinkLimit, type OneTimeLinkRecord } from './identity-store.js';
import { dataOf, identityEvent, newMetadata } from './kurrentdb-identity-events.js';

const linkStreamId = (tokenHash: string) => `${IDENTITY_STREAM_PREFIX}link-${tokenHash}`;
const linkListStreamId = (link: Pick<OneTimeLinkRecord, 'userId' | 'purpose'>) =>
  `${IDENTITY_STREAM_PREFIX}links-of-${link.userId}-${link.purpose}`;

/**
 * Each new attempt follows another process listing a link for the same user and purpose between
 * this one's count and its append; beyond, the link is refused, as a limit reached would be.
 */
const MAX_LISTING_ATTEMPTS = 5;

export class KurrentDbOneTimeLinks {
  constructor(private readonly store: EventStore) {}

  /** Listed before it exists, as sessions are: whatever was issued is counted. */
  async issue(link: OneTimeLinkRecord): Promise<void> {
    await this.store.appendToStream(linkListStreamId(link), [listed(link)], { expectedRevision: 'any' });
    await this.append(link);
  }

  /**
   * Reads the last `atMost` listings, newest first, and appends the new one expecting the stream
   * to end where it was read: a listing by another process in between makes the append fail,
   * and the count is taken again. Listings are in the order they were made, so the last ones are
   * the newest (up to the skew between the processes' clocks).
   */
  async issueWithin(link: OneTimeLinkRecord, limit: OneTimeLinkLimit): Promise<boolean> {
    const streamId = linkListStreamId(link);
    for (let attempt = 0; attempt < MAX_LISTING_ATTEMPTS; attempt += 1) {
      const newest = limit.atMost > 0 ? await this.store.readStream(streamId, { direction: 'backwards', maxCount: limit.atMost }) : [];
      const recent = newest.filter((event) => Date.parse(createdAtOf(event)) > Date.parse(limit.createdAfter));
      if (recent.length >= limit.atMost) return false;
      try {
        await this.store.appendToStream(streamId, [listed(link)], { expectedRevision: newest[0]?.revision ?? 'no_stream' });
      } catch (error) {
        if (error instanceof ConcurrencyError) continue;
        throw error;
      }
      await this.append(link);
      return true;
    }
    return false;
  }

  async find(tokenHash: string): Promise<OneTimeLinkRecord | undefined> {
    const [issued, used] = await this.store.readStream(linkStreamId(tokenHash), { maxCount: 2 });
    if (!issued) return undefined;
    const usedAt = used ? dataOf<{ usedAt: string }>(used, 'LinkUsed').usedAt : null;
    const { tokenHash: hash, userId, purpose, createdAt, expiresAt, passwordFingerprint } = dataOf<LinkIssued>(issued, 'LinkIssued');
    // Links issued before they were bound to a password have no fingerprint in their (immutable) event.
    return { tokenHash: hash, userId, purpose, createdAt, expiresAt, passwordFingerprint: passwordFingerprint ?? null, usedAt };
  }

  async use(tokenHash: string, usedAt: string): Promise<boolean> {
    const streamId = linkStreamId(tokenHash);
    try {
      // Expecting the LinkIssued alone (revision 0) lets only the first use in, on any node.
      await this.store.appendToStream(streamId, [{ id: randomUUID(), type: 'LinkUsed', data: { usedAt }, metadata: newMetadata() }], {
        expectedRevision: 0,
      });
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  private async append(link: OneTimeLinkRecord): Promise<void> {
    const streamId = linkStreamId(link.tokenHash);
    const { tokenHash, userId, purpose, createdAt, expiresAt, passwordFingerprint } = link;
    const issued = identityEvent(streamId, 'LinkIssued', { tokenHash, userId, purpose, createdAt, expiresAt, passwordFingerprint }, newMetadata());
    await this.store.appendToStream(streamId, [issued], { expectedRevision: 'no_stream' });
  }
}

type LinkIssued = Omit<OneTimeLinkRecord, 'usedAt' | 'passwordFingerprint'> & { passwordFingerprint?: string | null };

function listed(link: OneTimeLinkRecord) {
  return identityEvent(linkListStreamId(link), 'LinkListed', { tokenHash: link.tokenHash, createdAt: link.createdAt }, newMetadata());
}

const createdAtOf = (event: RecordedEvent) => dataOf<{ createdAt: string }>(event, 'LinkListed').createdAt;
