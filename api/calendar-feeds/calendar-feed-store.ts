/**
 * Secret iCalendar addresses: a capability to read one resource's or one member's calendar from
 * Thunderbird, Google Calendar or Outlook, which cannot send a bearer token. Kept with the
 * accounts (outside the ledger) and revocable. Only the SHA-256 of the secret is stored, as for
 * sessions: the address is shown once, when the feed is created, and a lost one is revoked and
 * replaced.
 */
export interface CalendarFeedRecord {
  /** SHA-256 of the secret: the feed's public id, and how a request's secret is looked up. */
  feedId: string;
  ownerUserId: string;
  /** Exactly one of the two is set. */
  resourceId: string | null;
  memberId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface CalendarFeedStore {
  create(feed: CalendarFeedRecord): Promise<void>;
  find(feedId: string): Promise<CalendarFeedRecord | undefined>;
  /** Oldest first; those created at the same instant by id: the same order on every backend. */
  listOwnedBy(ownerUserId: string): Promise<CalendarFeedRecord[]>;
  /** Only the first revocation counts. */
  revoke(feedId: string, revokedAt: string): Promise<void>;
  /**
   * Revokes, at `revokedAt`, every address `ownerUserId` holds and has not revoked yet, in one
   * write: a failure leaves them all as they were, never some revoked and others still open.
   */
  revokeAllOwnedBy(ownerUserId: string, revokedAt: string): Promise<void>;
}
