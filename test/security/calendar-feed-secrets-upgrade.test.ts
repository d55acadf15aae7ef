import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { REGISTER_RESOURCE } from '../integration/graphql-documents.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, startServer, temporaryDataDirectory } from '../support/mutua-server.js';

/** The table as the releases before hashed secrets wrote it, secret in clear beside its hash. */
const CLEAR_FEEDS_TABLE = `
  CREATE TABLE calendar_feeds (
    feed_id TEXT PRIMARY KEY, token TEXT NOT NULL, owner_user_id TEXT NOT NULL, resource_id TEXT, member_id TEXT,
    created_at TEXT NOT NULL, revoked_at TEXT, CHECK ((resource_id IS NULL) != (member_id IS NULL))
  ) STRICT;`;

describe('calendar feeds stored by an earlier release, their secret in clear', () => {
  const dataDirectory = temporaryDataDirectory();
  afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

  it('keep answering at their address after the upgrade, and their secret is gone from the files', async () => {
    const first = await startServer({ dataDirectory });
    let feedUrl: string;
    try {
      const token = await loginAs(first, ADMIN_EMAIL, ADMIN_PASSWORD);
      const resource = await first.graphql<{ registerResource: { id: string } }>(REGISTER_RESOURCE, { input: { name: 'Salle des Daurades', kind: 'SPACE' } }, token);
      const feed = await first.graphql<{ createCalendarFeed: { url: string } }>(
        'mutation($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { url } }', { input: { resourceId: resource.data!.registerResource.id } }, token);
      feedUrl = feed.data!.createCalendarFeed.url;
    } finally {
      await first.stop();
    }
    const secret = /\/calendars\/([^/]+)\.ics$/.exec(feedUrl)![1]!;

    // Written back as the earlier release kept it.
    const database = new Database(join(dataDirectory, 'mutua.sqlite'));
    const feed = database.prepare<[], { feed_id: string; owner_user_id: string; resource_id: string; created_at: string }>('SELECT * FROM calendar_feeds').get()!;
    database.exec(`DROP TABLE calendar_feeds; ${CLEAR_FEEDS_TABLE}`);
    database.prepare('INSERT INTO calendar_feeds VALUES (?, ?, ?, ?, NULL, ?, NULL)').run(feed.feed_id, secret, feed.owner_user_id, feed.resource_id, feed.created_at);
    database.pragma('wal_checkpoint(TRUNCATE)');
    database.close();
    expect(readFileSync(join(dataDirectory, 'mutua.sqlite')).includes(Buffer.from(secret))).toBe(true);

    const upgraded = await startServer({ dataDirectory });
    try {
      const response = await fetch(feedUrl.replace(/^http:\/\/[^/]+/, upgraded.url));
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/^BEGIN:VCALENDAR/);
      for (const file of ['mutua.sqlite', 'mutua.sqlite-wal'].filter((name) => existsSync(join(dataDirectory, name)))) {
        expect(readFileSync(join(dataDirectory, file)).includes(Buffer.from(secret)), file).toBe(false);
      }
    } finally {
      await upgraded.stop();
    }
  });
});
