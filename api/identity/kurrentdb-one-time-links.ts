/**
 * The one-time links (invitations and password resets) of the KurrentDB identity store, one
 * stream each: `identity-link-<tokenHash>` holds `LinkIssued`, then at most one `LinkUsed`. Apart
 * from the accounts and sessions because they share none of their streams, nor any personal data:
 * the person is named by id, so nothing here is erased with them.
 */
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventStore } from '../../eventstore/event-store.js';
import { IDENTITY_STREAM_PREFIX, type OneTimeLinkRecord } from './identity-store.js';
import { dataOf, identityEvent, newMetadata } from './kurrentdb-identity-events.js';

const linkStreamId = (tokenHash: string) => `${IDENTITY_STREAM_PREFIX}link-${tokenHash}`;

export class KurrentDbOneTimeLinks {
  constructor(private readonly store: EventStore) {}

  async issue(link: OneTimeLinkRecord): Promise<void> {
    const streamId = linkStreamId(link.tokenHash);
    const { tokenHash, userId, purpose, createdAt, expiresAt } = link;
    const issued = identityEvent(streamId, 'LinkIssued', { tokenHash, userId, purpose, createdAt, expiresAt }, newMetadata());
    await this.store.appendToStream(streamId, [issued], { expectedRevision: 'no_stream' });
  }

  async find(tokenHash: string): Promise<OneTimeLinkRecord | undefined> {
    const [issued, used] = await this.store.readStream(linkStreamId(tokenHash), { maxCount: 2 });
    if (!issued) return undefined;
    const usedAt = used ? dataOf<{ usedAt: string }>(used, 'LinkUsed').usedAt : null;
    return { ...dataOf<Omit<OneTimeLinkRecord, 'usedAt'>>(issued, 'LinkIssued'), usedAt };
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
}
