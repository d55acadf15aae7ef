/**
 * Secret iCalendar addresses: a capability to read one resource's or one member's calendar from
 * Thunderbird, Google Calendar or Outlook, which cannot send a bearer token. Kept with the
 * accounts (outside the ledger) and revocable; the token is shown again on request, as calendar
 * services do for their own secret addresses.
 */
export interface CalendarFeedRecord {
  /** SHA-256 of the token: the feed's public id, and how a request's token is looked up. */
  feedId: string;
  token: string;
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
  listOwnedBy(ownerUserId: string): Promise<CalendarFeedRecord[]>;
  /** Only the first revocation counts. */
  revoke(feedId: string, revokedAt: string): Promise<void>;
}
