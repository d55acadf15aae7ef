import { once } from 'node:events';
import { mkdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOWNLOAD_LIMITS } from '../../api/threads/download-turns.js';
import { appendLedgerHistory, LEDGER_LOG_SEED } from '../../bench/ledger-log.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, startServer, temporaryDataDirectory } from '../support/mutua-server.js';

/** About 33 MiB of bundle: more than loopback's socket buffers hold for a client that stops reading. */
const EVENTS = 30_000;

/** A data directory whose store holds `EVENTS` events of a pôle's history. */
async function dataDirectoryWithLedgerHistory(): Promise<string> {
  const dataDirectory = temporaryDataDirectory();
  const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
  const store = new SqliteEventStore(database);
  await appendLedgerHistory(store, EVENTS, LEDGER_LOG_SEED);
  await store.close();
  database.close();
  return dataDirectory;
}

describe('the audit bundle written in its thread, over HTTP', () => {
  it('a server asked to stop while a client downloads its audit bundle slowly cuts the download and exits with 0, nothing failing on the way out', async () => {
    const dataDirectory = await dataDirectoryWithLedgerHistory();
    const server = await startServer({ dataDirectory });
    try {
      const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
      const response = await fetch(`${server.url}/exports/audit-bundle.jsonl`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      // The first pages have come from the bundle's thread; the client reads no more for now.
      expect((await reader.read()).done).toBe(false);

      const exited = once(server.process, 'exit');
      server.process.kill('SIGTERM');
      const [code] = await exited as [number | null];
      expect(code).toBe(0);
      // Nothing failed on the way out: no error in the log (pino's levels 50 and 60).
      expect(server.output()).not.toMatch(/"level":(50|60)/);
      // Cut after the grace: the download fails, it never ends looking complete.
      await expect((async () => {
        while (!(await reader.read()).done);
      })()).rejects.toThrow();
    } finally {
      await server.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  }, 60_000);

  it('answers that the registry is unavailable, not a bundle cut short, when its thread cannot read the store', async () => {
    const server = await startServer();
    const storeFile = join(server.dataDirectory, 'mutua.sqlite');
    try {
      const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
      // The server reads on through the connection it holds; the bundle's thread, opening its own,
      // finds a directory where the file was.
      renameSync(storeFile, `${storeFile}.elsewhere`);
      mkdirSync(storeFile);
      const response = await fetch(`${server.url}/exports/audit-bundle.jsonl`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ code: 'STORE_UNAVAILABLE', message: 'Le registre est momentanément indisponible : réessayez dans un instant.' });
      await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('The audit bundle thread failed:');

      rmdirSync(storeFile);
      renameSync(`${storeFile}.elsewhere`, storeFile);
      const again = await fetch(`${server.url}/exports/audit-bundle.jsonl`, { headers: { authorization: `Bearer ${token}` } });
      expect(again.status).toBe(200);
      expect((await again.text()).trimEnd().split('\n').at(-1)).toContain('"kind":"trailer"');
    } finally {
      await server.stop();
    }
  });

  it('writes four bundles at once, keeps 32 more waiting their turn and refuses the next with 503 and when to ask again', async () => {
    const dataDirectory = await dataDirectoryWithLedgerHistory();
    const server = await startServer({ dataDirectory });
    const cuts: AbortController[] = [];
    try {
      const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
      const askForBundle = () => {
        const cut = new AbortController();
        cuts.push(cut);
        return fetch(`${server.url}/exports/audit-bundle.jsonl`, { headers: { authorization: `Bearer ${token}` }, signal: cut.signal });
      };
      for (let underWay = 0; underWay < DOWNLOAD_LIMITS.atOnce; underWay += 1) {
        const response = await askForBundle();
        expect(response.status).toBe(200);
        // Its first pages have come; its client reads no more for now, so the download stays under way.
        expect((await response.body!.getReader().read()).done).toBe(false);
      }

      const asked = Array.from({ length: DOWNLOAD_LIMITS.waiting + 1 }, () => askForBundle());
      const answered = asked.map(async (response, index) => ({ response: await response, index }));
      // No download ends meanwhile: the first answer is the one that found the line full.
      const refused = await Promise.race(answered);
      expect(refused.response.status).toBe(503);
      expect(refused.response.headers.get('retry-after')).toBe('60');
      expect(await refused.response.json()).toEqual({ code: 'DOWNLOADS_BUSY', message: 'Trop de téléchargements sont en cours sur le serveur : réessayez dans une minute.' });

      // A client cuts its download: its turn goes to one of those waiting.
      cuts[0]!.abort();
      const next = await Promise.race(answered.filter((_, index) => index !== refused.index));
      expect(next.response.status).toBe(200);

      // Every other client gives up: the downloads under way end, those waiting leave the line.
      for (const cut of cuts) cut.abort();
      const whole = await fetch(`${server.url}/exports/audit-bundle.jsonl`, { headers: { authorization: `Bearer ${token}` } });
      expect(whole.status).toBe(200);
      expect((await whole.text()).trimEnd().split('\n').at(-1)).toContain('"kind":"trailer"');
      expect(server.output()).not.toMatch(/"level":(50|60)/);
    } finally {
      for (const cut of cuts) cut.abort();
      await server.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  }, 60_000);
});
