import type { frCalendarFeeds } from './fr-calendar-feeds.js';

/** English messages of the external calendars (iCal subscription addresses); the type makes a missing or extra key a compile error. */
export const enCalendarFeeds: Record<keyof typeof frCalendarFeeds, string> = {
  'feeds.title': 'External calendar (iCal)',
  'feeds.introResource': 'Subscribe your calendar (Thunderbird, Google Calendar, Outlook) to a secret address to see the reservations of {name}, kept up to date.',
  'feeds.introMember': 'Subscribe your calendar (Thunderbird, Google Calendar, Outlook) to a secret address to see the reservations of {name}, kept up to date.',
  'feeds.unavailable': 'External calendars are not available on this server yet.',
  'feeds.create': 'Create a calendar address',
  'feeds.creating': 'Creating…',
  'feeds.created': 'Calendar address created. Copy it into your calendar as a “subscription by URL”.',
  'feeds.address': 'Calendar address (keep it secret)',
  'feeds.copy': 'Copy the address',
  'feeds.copied': 'Address copied.',
  'feeds.copyFailed': 'Copying is not possible here: the address is selected, copy it with Ctrl+C.',
  'feeds.createdAt': 'Created on {date}.',
  'feeds.revoke': 'Revoke',
  'feeds.revokeQuestion': 'Revoke this address? Subscribed calendars will no longer be updated. You can create a new one.',
  'feeds.confirmRevoke': 'Revoke the address',
  'feeds.revoking': 'Revoking…',
  'feeds.keep': 'Keep the address',
  'feeds.revoked': 'Address revoked: it no longer gives access to the reservations.',
  'feeds.secretHint': 'Anyone who knows this address sees these reservations. If it has been passed around, revoke it. A password change, or closing all your sessions, revokes your addresses too: you will need to create them again.',
  'feeds.shownOnce': 'Copy it now: to keep it secret, Mutua keeps only a fingerprint of it and cannot show it again.',
  'feeds.hidden': 'The address is shown only when it is created. Lost it? Revoke it and create a new one.',
};
