import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { readCheckpoints } from '../../projections/tables/checkpoints.js';
import { LEDGER_TABLES } from '../../projections/tables/ledger-tables.js';
import { openSqliteReadModels } from '../../projections/tables/read-model-database.js';
import { ReadModels } from '../../projections/tables/read-models.js';
import { listSites } from '../../projections/sites/sites-projection.js';

/** `npm run rebuild-projection`, as an operator runs it against a data directory. */
function rebuildProjection(dataDirectory: string, ...args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/rebuild-projection.ts', ...args], {
      env: { ...process.env, MUTUA_DATA_DIR: dataDirectory, MUTUA_STORE: 'sqlite', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.on('exit', (status) => resolve({ status, output }));
  });
}

describe('npm run rebuild-projection', () => {
  let dataDirectory: string;
  let database: ReturnType<typeof openSqliteDatabase>;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-rebuild-'));
    database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
    store = new SqliteEventStore(database);
    for (const name of ['Tiers-lieu de la gare', 'Antenne du marché']) {
      const siteId = crypto.randomUUID();
      await store.appendToStream(`site-${siteId}`, [{
        id: crypto.randomUUID(), type: 'SiteRegistered', data: { siteId, name, address: '1 rue de la Paix' },
        metadata: { correlationId: 'test', actorUserId: 'system', actorRole: 'COORDINATOR' },
      }], { expectedRevision: 'no_stream' });
    }
  });
  afterEach(async () => {
    await store.close();
    database.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('rebuilds a projection itself when no server runs, and lists where each one stands', async () => {
    const rebuilt = await rebuildProjection(dataDirectory, 'sites');
    expect(rebuilt.output).toContain('« sites » reconstruite');
    expect(rebuilt.status).toBe(0);
    const listed = await rebuildProjection(dataDirectory);
    expect(listed.output).toMatch(/sites\s+version 1 du code — version 1, position 2, LIVE/);
    const readModels = openSqliteReadModels(dataDirectory);
    expect((await listSites(readModels.db)).map((site) => site.name)).toEqual(['Antenne du marché', 'Tiers-lieu de la gare']);
    await readModels.close();
  });

  it('asks the running server to rebuild it, and the server does', async () => {
    const readModelDatabase = openSqliteReadModels(dataDirectory);
    const server = new ReadModels(store, readModelDatabase, LEDGER_TABLES);
    await server.start();
    await server.caughtUp();
    try {
      const asked = await rebuildProjection(dataDirectory, 'sites');
      expect(asked.output).toContain('Reconstruction de « sites » demandée');
      expect(asked.status).toBe(0);
      await expect.poll(async () => (await readCheckpoints(readModelDatabase.db)).get('sites')?.status, { timeout: 5_000 })
        .toBe('LIVE');
      expect(await listSites(readModelDatabase.db)).toHaveLength(2);
    } finally {
      await server.stop();
      await readModelDatabase.close();
    }
  });

  it('refuses a projection it does not know', async () => {
    const refused = await rebuildProjection(dataDirectory, 'calendrier');
    expect(refused.status).toBe(2);
    expect(refused.output).toContain('Projection inconnue : calendrier.');
  });
});
