import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInvoices } from '../projections/invoices/invoices-projection.js';
import { listClosedPeriods } from '../projections/finance/finance-reads.js';
import { readConfig } from './config.js';
import { DEMO_USERS, seedDemo } from './demo.js';
import { type Mutua, openMutua } from './mutua.js';

/** A Tuesday: the demo's treasury closes the month before it. */
const NOW = new Date('2031-03-04T08:30:00Z');

/**
 * `npm run demo` is the first thing a newcomer runs: its pôle must seed whole, its last month
 * closed with the invoices a close issues, whatever rule the close has learned to enforce since.
 */
describe('the demonstration pôle', () => {
  let directory: string;
  let mutua: Mutua;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-demo-'));
    const config = readConfig({
      MUTUA_DATA_DIR: directory, MUTUA_SIREN: '900000001', MUTUA_POLE_NAME: 'Pôle de l’Étang (démonstration)',
      MUTUA_POLE_ADDRESS: '1 chemin de l’Étang, 26000 Valence', MUTUA_ADMIN_EMAIL: '', MUTUA_ADMIN_PASSWORD: '',
    });
    mutua = await openMutua(config, { warn: () => undefined, info: () => undefined }, { clock: () => new Date(NOW) });
    await seedDemo(mutua, NOW);
  });
  afterAll(async () => {
    await mutua?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('closes last month with its invoices, credit notes aside, and self-billed invoices under the fablab’s mandate', async () => {
    const [closed, ...others] = await listClosedPeriods(mutua.readModels.db);
    expect(others).toEqual([]);
    expect(closed).toMatchObject({ from: '2031-02-01', to: '2031-03-01' });
    const kinds = new Set((await listInvoices(mutua.readModels.db, { periodId: closed!.periodId })).map((invoice) => invoice.kind));
    expect(kinds).toEqual(new Set(['INVOICE', 'SELF_BILLED_INVOICE']));
  });

  it('lets each of its people sign in with the password the README gives', async () => {
    for (const user of DEMO_USERS) {
      await expect(mutua.auth.login(user.email, user.password)).resolves.toMatchObject({ user: { role: user.role } });
    }
  });
});
