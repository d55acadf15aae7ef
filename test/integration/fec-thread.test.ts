import { mkdirSync, renameSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEC_HEADER } from '../../domain/accounting/fec.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, startServer } from '../support/mutua-server.js';

describe('the FEC written in its thread, over HTTP', () => {
  it('answers that the registry is unavailable, not a FEC cut short, when its thread cannot read the books', async () => {
    const server = await startServer({ env: { MUTUA_SIREN: '732829320' } });
    const readModelsFile = join(server.dataDirectory, 'read-models.sqlite');
    try {
      const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
      // The server reads on through the connections it holds; the FEC's thread, opening its own,
      // finds a directory where the read models' file was.
      renameSync(readModelsFile, `${readModelsFile}.elsewhere`);
      mkdirSync(readModelsFile);
      const response = await fetch(`${server.url}/exports/fec/all`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ code: 'STORE_UNAVAILABLE', message: 'Le registre est momentanément indisponible : réessayez dans un instant.' });
      await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('The FEC thread failed:');

      rmdirSync(readModelsFile);
      renameSync(`${readModelsFile}.elsewhere`, readModelsFile);
      const again = await fetch(`${server.url}/exports/fec/all`, { headers: { authorization: `Bearer ${token}` } });
      expect(again.status).toBe(200);
      expect(await again.text()).toBe(FEC_HEADER);
    } finally {
      await server.stop();
    }
  });
});
