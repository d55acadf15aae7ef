import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundleEventLine, type BundleHeader, type BundleTrailer } from '../../api/audit/bundle/bundle-format.js';
import { type EventMetadata } from '../../eventstore/event-store.js';
import { type ChainLink } from '../../eventstore/integrity/event-hash.js';
import { PostgresEventStore } from '../../eventstore/postgres/postgres-event-store.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { startPostgresCluster } from '../support/postgres-cluster.js';
import { buildPartnerRoomPole, type PartnerRoomPole } from './partner-room-fixture.js';

const SIREN = '732829320';

/** Runs one of Mutua's commands as an operator or an auditor would, offline. */
function run(script: 'verify' | 'import-bundle', args: string[], env: Record<string, string> = {}): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `api/${script}.ts`, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const FIGURES = `query($lastMonth: ID!, $thisMonth: ID!, $asOf: DateTime) {
  frozen: settlement(periodId: $lastMonth) { status digest totals { netCostsCents poolSharesCents directChargesCents creditsCents balanceCents }
    lines { member { id name } poolSharesCents directChargesCents creditsCents paymentsMadeCents paymentsReceivedCents balanceCents } }
  preview: settlement(periodId: $thisMonth) { status lines { member { id } balanceCents } }
  balances { member { id name } balanceCents }
  earlier: balances(asOf: $asOf) { member { id } balanceCents }
  ledgerPostings { journalCode entryDate pieceRef validatedOn label lines { accountNumber auxiliaryNumber debitCents creditCents } }
}`;

/** An event's line as the bundle writes it: its metadata carries the hash chain. */
type HashedEventLine = BundleEventLine & { metadata: EventMetadata & ChainLink };

describe('the audit bundle: exported, verified offline, imported into a fresh Mutua', () => {
  let server: RunningServer;
  let pole: PartnerRoomPole;
  let workDirectory: string;
  let bundle: string;
  let lines: string[];

  beforeAll(async () => {
    server = await startServer({ env: { MUTUA_SIREN: SIREN, MUTUA_POLE_NAME: 'Pôle coopératif de l’Étang' } });
    pole = await buildPartnerRoomPole(server);
    workDirectory = mkdtempSync(join(tmpdir(), 'mutua-bundle-'));
    const response = await fetch(`${server.url}/exports/audit-bundle.jsonl`, { headers: { authorization: `Bearer ${pole.tokens.auditor}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/filename="mutua-audit-\d{4}-\d{2}-\d{2}\.jsonl"/);
    bundle = join(workDirectory, 'lot.jsonl');
    writeFileSync(bundle, Buffer.from(await response.arrayBuffer()));
    lines = readFileSync(bundle, 'utf8').trimEnd().split('\n');
  });
  afterAll(async () => {
    await server?.stop();
    if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
  });

  it('holds a header, every event with its hashes, and a trailer with the log digest', () => {
    const header = JSON.parse(lines[0]!) as BundleHeader;
    expect(header).toMatchObject({ kind: 'header', format: 'mutua-audit-bundle', formatVersion: 1, pole: { name: 'Pôle coopératif de l’Étang', siren: SIREN }, positionsContiguous: true });
    expect(header.eventCount).toBe(lines.length - 2);
    const event = JSON.parse(lines[1]!) as HashedEventLine;
    expect(event).toMatchObject({ kind: 'event', revision: 0, position: 1, type: 'MemberRegistered' });
    expect(typeof event.stream).toBe('string');
    expect(event.metadata).toMatchObject({ actorRole: 'COORDINATOR', previousHash: null });
    expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    const trailer = JSON.parse(lines.at(-1)!) as BundleTrailer;
    expect(trailer).toMatchObject({ kind: 'trailer', eventCount: header.eventCount, headPosition: header.headPosition });
    expect(trailer.logDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(lines.join('\n')).not.toMatch(/@/);
  });

  it('verifies offline with npm run verify -- --bundle, period close digests included', () => {
    const { status, output } = run('verify', ['--bundle', bundle]);
    expect(output).toMatch(/OK — [\d\u202f]+ événements du paquet vérifiés dans \d+ flux, 1 empreinte de clôture recalculée :/);
    expect(status).toBe(0);
    const noted = /Empreinte du journal : (\d+:[0-9a-f]{64})/.exec(output)![1]!;
    expect(run('verify', ['--bundle', bundle, '--expect', noted]).status).toBe(0);
    expect(run('verify', ['--bundle', bundle, '--expect', `3:${'0'.repeat(64)}`]).output).toContain('UNEXPECTED_DIGEST');
  });

  it('names the event of a tampered copy, and notices a line removed or a bundle cut short', () => {
    const paymentLine = lines.findIndex((line) => line.includes('"type":"PaymentRecorded"'));
    const payment = JSON.parse(lines[paymentLine]!) as BundleEventLine;
    const tampered = [...lines];
    tampered[paymentLine] = tampered[paymentLine]!.replace('"amountCents":50000', '"amountCents":5000');
    const copy = join(workDirectory, 'altere.jsonl');
    writeFileSync(copy, `${tampered.join('\n')}\n`);
    const altered = run('verify', ['--bundle', copy]);
    expect(altered.status).toBe(1);
    expect(altered.output).toContain(`ALTÉRÉ flux ${payment.stream} révision ${payment.revision} (événement ${payment.id}, position ${payment.position}) : contenu modifié depuis son enregistrement [HASH_MISMATCH]`);

    writeFileSync(copy, `${lines.filter((_line, index) => index !== paymentLine).join('\n')}\n`);
    const removed = run('verify', ['--bundle', copy]);
    expect(removed.status).toBe(1);
    expect(removed.output).toMatch(/REVISION_GAP|BROKEN_LINK/);
    expect(removed.output).toContain('BUNDLE_DIGEST_MISMATCH');

    writeFileSync(copy, `${lines.slice(0, -1).join('\n')}\n`);
    const cut = run('verify', ['--bundle', copy]);
    expect(cut.status).toBe(1);
    expect(cut.output).toContain('le paquet est tronqué');
  });

  it('imports into an empty directory only, and a server started on it answers with the same figures', async () => {
    const target = join(workDirectory, 'reimport');
    const imported = run('import-bundle', [bundle], { MUTUA_DATA_DIR: target, MUTUA_STORE: 'sqlite' });
    expect(imported.output).toMatch(/Paquet importé dans .* : [\d\u202f]+ événements/);
    expect(imported.status).toBe(0);
    const again = run('import-bundle', [bundle], { MUTUA_DATA_DIR: target, MUTUA_STORE: 'sqlite' });
    expect(again.status).toBe(3);
    expect(again.output).toContain('n’est pas vide');
    expect(run('verify', [], { MUTUA_DATA_DIR: target, MUTUA_STORE: 'sqlite' }).status).toBe(0);

    const variables = { lastMonth: pole.ids.lastMonth, thisMonth: pole.ids.thisMonth, asOf: pole.marks.afterClose };
    const original = await server.graphql(FIGURES, variables, pole.tokens.coordinator);
    expect(original.errors).toBeUndefined();
    const replayed = await startServer({ dataDirectory: target });
    try {
      const figures = await replayed.graphql(FIGURES, variables, await loginAs(replayed, ADMIN_EMAIL, ADMIN_PASSWORD));
      expect(figures.errors).toBeUndefined();
      expect(figures.data).toEqual(original.data);
      expect((original.data as { frozen: { status: string } }).frozen.status).toBe('FROZEN');
    } finally {
      await replayed.stop();
    }
  });
  it('imports into an empty PostgreSQL store only, keeping ids, hashes and recording times, and a server on it answers with the same figures', async () => {
    const cluster = await startPostgresCluster();
    const env = { MUTUA_STORE: 'postgres', DATABASE_URL: cluster.url, MUTUA_DATA_DIR: join(workDirectory, 'postgres-identity') };
    let replayed: RunningServer | undefined;
    try {
      const imported = run('import-bundle', [bundle], env);
      expect(imported.output).toMatch(/Paquet importé dans le registre PostgreSQL \(DATABASE_URL\) : \d+ événements/);
      expect(imported.status).toBe(0);
      const again = run('import-bundle', [bundle], env);
      expect(again.status).toBe(3);
      expect(again.output).toContain('contient déjà');
      const verified = run('verify', [], env);
      expect(verified.status).toBe(0);
      const bundleTrailer = JSON.parse(lines.at(-1)!) as { eventCount: number; logDigest: string };
      expect(verified.output).toContain(`${bundleTrailer.eventCount}:${bundleTrailer.logDigest}`);
      await expectSameEventsAsBundle(cluster.url);

      const variables = { lastMonth: pole.ids.lastMonth, thisMonth: pole.ids.thisMonth, asOf: pole.marks.afterClose };
      const original = await server.graphql(FIGURES, variables, pole.tokens.coordinator);
      replayed = await startServer({ dataDirectory: env.MUTUA_DATA_DIR, env });
      const coordinator = await loginAs(replayed, ADMIN_EMAIL, ADMIN_PASSWORD);
      const figures = await replayed.graphql(FIGURES, variables, coordinator);
      expect(figures.errors).toBeUndefined();
      expect(figures.data).toEqual(original.data);

      // Its own bundle, written in its bundle thread from PostgreSQL: the same events and digest.
      const exported = await fetch(`${replayed.url}/exports/audit-bundle.jsonl`, { headers: { authorization: `Bearer ${coordinator}` } });
      expect(exported.status).toBe(200);
      const exportedLines = (await exported.text()).trimEnd().split('\n');
      expect(exportedLines.slice(1)).toEqual(lines.slice(1));
    } finally {
      await replayed?.stop();
      await cluster.stop();
    }
  }, 60_000);

  /** Every event of the bundle is stored with its id, stream, revision, position, metadata (hashes) and recording time. */
  async function expectSameEventsAsBundle(url: string): Promise<void> {
    const store = new PostgresEventStore(url);
    try {
      const stored = await store.readAll({ maxCount: 10_000 });
      const inBundle = lines.slice(1, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(stored.map(({ id, streamId, revision, position, metadata, recordedAt }) => ({ id, stream: streamId, revision, position, metadata, recordedAt })))
        .toEqual(inBundle.map(({ id, stream, revision, position, metadata, recordedAt }) => ({ id, stream, revision, position, metadata, recordedAt })));
    } finally {
      await store.close();
    }
  }
});
