import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { readConfig } from '../../api/config.js';
import { type Mutua, openMutua } from '../../api/mutua.js';
import { RateLimitedError, SIGN_IN_LIMITS } from '../../api/login-rate-limit.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { type KurrentDbStandIn, startKurrentDbStandIn } from '../support/kurrentdb-stand-in.js';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';

const ADMIN = { email: 'coordination@pole.test', password: 'un-mot-de-passe-solide' };
const SILENT = { warn: () => undefined, info: () => undefined };

/**
 * MUTUA_STORE=kurrentdb with DATABASE_URL: the events, accounts and feeds in KurrentDB (its
 * stand-in here), the read models, the outbox, the notices and the sign-in failures in PostgreSQL,
 * and nothing in either process's data directory.
 */
describe('Mutua on KurrentDB with its tables in PostgreSQL', () => {
  let cluster: PostgresCluster;
  let kurrentDb: KurrentDbStandIn;
  let database: pg.Client;
  const directories = [mkdtempSync(join(tmpdir(), 'mutua-kurrent-pg-')), mkdtempSync(join(tmpdir(), 'mutua-kurrent-pg-'))];
  const processes: Mutua[] = [];

  beforeAll(async () => {
    [cluster, kurrentDb] = await Promise.all([startPostgresCluster(), startKurrentDbStandIn()]);
    database = new pg.Client({ connectionString: cluster.url });
    await database.connect();
    for (const directory of directories) {
      const config = readConfig({
        MUTUA_STORE: 'kurrentdb', KURRENTDB_URL: kurrentDb.url, DATABASE_URL: cluster.url, MUTUA_DATA_DIR: directory,
        MUTUA_ADMIN_EMAIL: ADMIN.email, MUTUA_ADMIN_PASSWORD: ADMIN.password,
      });
      processes.push(await openMutua(config, SILENT));
    }
  }, 120_000);
  afterAll(async () => {
    for (const mutua of processes) await mutua.close();
    await database?.end();
    await kurrentDb?.close();
    await cluster?.stop();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  it('folds the events of KurrentDB into read models in PostgreSQL, which both processes read', async () => {
    const [first, second] = processes as [Mutua, Mutua];
    const { resourceId } = await first.commands.resources.registerResource({ actor: SYSTEM_ACTOR, correlationId: 'kurrent-pg' }, {
      name: 'Camion partagé', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 1_200, ownerMemberId: null, areaM2: null,
      openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES,
    });
    await second.readModels.waitForPosition(first.readModels.currentPosition, 10_000);
    const { rows } = await database.query<{ count: number }>('SELECT count(*)::integer AS count FROM resource_versions WHERE resource_id = $1', [resourceId]);
    expect(rows[0]!.count).toBeGreaterThan(0);
  });

  it('queues an invitation in PostgreSQL’s outbox, and counts failed sign-ins of both processes together there', async () => {
    const [first, second] = processes as [Mutua, Mutua];
    await first.accountLinks.inviteUser({ email: 'tresorerie@pole.test', role: 'TREASURER', memberId: null }, 'https://mutua.pole.test');
    const queued = await database.query<{ recipient: string }>("SELECT recipient FROM mail_outbox WHERE mail_key LIKE 'invitation:%'");
    expect(queued.rows.map((row) => row.recipient)).toEqual(['tresorerie@pole.test']);

    for (let index = 0; index < SIGN_IN_LIMITS.freeFailures; index += 1) {
      await expect((index % 2 === 0 ? first : second).auth.login(ADMIN.email, 'pas le bon', '192.0.2.7')).rejects.toThrow('E-mail ou mot de passe incorrect.');
    }
    await expect(second.auth.login(ADMIN.email, ADMIN.password, '192.0.2.7')).rejects.toBeInstanceOf(RateLimitedError);
    expect((await first.auth.login(ADMIN.email, ADMIN.password, '198.51.100.1')).user.email).toBe(ADMIN.email);
  });

  it('writes nothing into either process’s data directory', () => {
    for (const directory of directories) expect(readdirSync(directory)).toEqual([]);
  });
});
