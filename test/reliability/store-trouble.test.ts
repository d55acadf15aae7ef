import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';
import { canMakeImmutable } from '../support/immutable-files.js';
import { startKurrentDbStandIn } from '../support/kurrentdb-stand-in.js';
import {
  ALL_RESERVATIONS, dataOf, eventually, healthOf, type Pole, quarterSlot, reserve, runScript, seedPole, slotWindow,
} from './pole-fixture.js';

const STORE_UNAVAILABLE_MESSAGE = 'Le registre est momentanément indisponible : rien n’a été enregistré, réessayez.';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
/** Reservations tried, one after the other, before the full disk must have refused one. */
const MAX_ATTEMPTS_ON_FULL_DISK = 400;

/** Mounting a tmpfs needs root, which CI and the dev machines are (as `canMakeImmutable` does). */
const canMountTmpfs = tryQuietly(() => {
  const probe = mkdtempSync(join(tmpdir(), 'mutua-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
});

function tryQuietly(attempt: () => void): boolean {
  try {
    attempt();
    return true;
  } catch {
    return false;
  }
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Reserves slot after slot until the store refuses one; returns the ids acknowledged before that, and the refusal. */
async function reserveUntilRefused(server: RunningServer, pole: Pole, firstSlot: number) {
  const acknowledged: string[] = [];
  for (let attempt = 0; attempt < MAX_ATTEMPTS_ON_FULL_DISK; attempt += 1) {
    const outcome = await reserve(server, pole.token, {
      resourceId: pole.resources[0]!.id, memberId: pole.memberIds[0]!, ...quarterSlot(firstSlot + attempt),
    });
    if (!outcome.id) return { acknowledged, refusal: outcome, nextSlot: firstSlot + attempt + 1 };
    acknowledged.push(outcome.id);
  }
  throw new Error(`The store took ${MAX_ATTEMPTS_ON_FULL_DISK} reservations on a full disk`);
}

async function reservationIds(server: RunningServer, pole: Pole): Promise<string[]> {
  const response = await server.graphql<{ reservations: Array<{ id: string }> }>(ALL_RESERVATIONS, {
    resourceId: pole.resources[0]!.id, ...slotWindow(2_000),
  }, pole.token);
  return dataOf(response).reservations.map((reservation) => reservation.id).sort();
}

/** The server's answers once the store is back: healthy, taking reservations, holding exactly the acknowledged ones, verifying. */
async function expectRecoveredWithoutRestart(server: RunningServer, pole: Pole, acknowledged: string[], slot: number) {
  const pid = server.process.pid;
  await eventually(async () => (await healthOf(server)).httpStatus === 200, '/health to answer 200 again');
  const after = await reserve(server, pole.token, { resourceId: pole.resources[0]!.id, memberId: pole.memberIds[0]!, ...quarterSlot(slot) });
  expect(after.code).toBeUndefined();
  expect(await reservationIds(server, pole)).toEqual([...acknowledged, after.id!].sort());
  expect(server.process.pid).toBe(pid);
  expect(server.process.exitCode).toBeNull();
}

describe.runIf(canMountTmpfs)('Mutua on a disk that fills up (a real 8 MiB tmpfs)', () => {
  it('refuses reservations with STORE_UNAVAILABLE and a French message, says so on /health, and recovers without restart once space is freed', async () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'mutua-full-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint]);
    cleanups.push(() => {
      execFileSync('umount', ['--lazy', mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    });
    const dataDirectory = join(mountPoint, 'data');
    mkdirSync(dataDirectory);
    const server = await startServer({ dataDirectory });
    cleanups.push(() => server.stop());
    const pole = await seedPole(server, 1, [1]);
    const before = await reserve(server, pole.token, { resourceId: pole.resources[0]!.id, memberId: pole.memberIds[0]!, ...quarterSlot(0) });
    expect(before.id).toBeDefined();
    // Folded into the read models before the disk fills: a batch that comes after would find no room
    // to write it in (a loaded CI once filled the disk first, and the reservation was not read back).
    await eventually(async () => (await reservationIds(server, pole)).includes(before.id!), 'the reservation to be in the read models');

    fillDisk(mountPoint);
    const { acknowledged, refusal, nextSlot } = await reserveUntilRefused(server, pole, 1);
    expect(refusal).toMatchObject({ code: 'STORE_UNAVAILABLE', message: STORE_UNAVAILABLE_MESSAGE });
    const health = await healthOf(server, pole.token);
    expect(health.httpStatus).toBe(503);
    expect(health.body.status).toBe('store-unavailable');
    expect(health.body.reason).toContain('SQLITE_FULL');
    // Reads are still served from the read models while the disk is full.
    expect(await reservationIds(server, pole)).toEqual([before.id!, ...acknowledged].sort());
    // Signing in writes a session into the same file: refused the same way, not masked as a bug.
    const signIn = await server.graphql(LOGIN, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(signIn.errors?.[0]).toMatchObject({ message: STORE_UNAVAILABLE_MESSAGE, extensions: { code: 'STORE_UNAVAILABLE' } });

    rmSync(join(mountPoint, 'filler'));
    await expectRecoveredWithoutRestart(server, pole, [before.id!, ...acknowledged], nextSlot);
    const verified = await runScript('api/verify.ts', [], { MUTUA_DATA_DIR: dataDirectory });
    expect(verified.output).toContain('aucune altération');
  }, 120_000);
});

/** Takes every free block of the file system, as another program writing logs would. */
function fillDisk(mountPoint: string): void {
  const { bavail, bsize } = statfsSync(mountPoint);
  try {
    writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(Number(bavail) * Number(bsize)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  expect(statfsSync(mountPoint).bavail).toBe(0);
}

describe.runIf(canMakeImmutable)('Mutua on a store file made read-only (chattr +i) while it serves', () => {
  it('refuses reservations with STORE_UNAVAILABLE, says so on /health, and recovers without restart once the file is writable', async () => {
    const dataDirectory = temporaryDataDirectory();
    const storeFiles = ['mutua.sqlite', 'mutua.sqlite-wal'].map((name) => join(dataDirectory, name));
    const server = await startServer({ dataDirectory });
    cleanups.push(() => rmSync(dataDirectory, { recursive: true, force: true }));
    cleanups.push(() => server.stop());
    const pole = await seedPole(server, 1, [1]);
    const before = await reserve(server, pole.token, { resourceId: pole.resources[0]!.id, memberId: pole.memberIds[0]!, ...quarterSlot(0) });

    // Immutable, the files refuse writes even through the descriptors the server already holds open.
    execFileSync('chattr', ['+i', ...storeFiles]);
    cleanups.push(() => {
      execFileSync('chattr', ['-i', ...storeFiles]);
    });
    const refused = await reserve(server, pole.token, { resourceId: pole.resources[0]!.id, memberId: pole.memberIds[0]!, ...quarterSlot(1) });
    expect(refused).toMatchObject({ code: 'STORE_UNAVAILABLE', message: STORE_UNAVAILABLE_MESSAGE });
    const health = await healthOf(server, pole.token);
    expect(health.httpStatus).toBe(503);
    expect(health.body.status).toBe('store-unavailable');
    expect(health.body.reason).toMatch(/SQLITE_(IOERR|READONLY)/);

    execFileSync('chattr', ['-i', ...storeFiles]);
    await expectRecoveredWithoutRestart(server, pole, [before.id!], 2);
    const verified = await runScript('api/verify.ts', [], { MUTUA_DATA_DIR: dataDirectory });
    expect(verified.output).toContain('aucune altération');
  }, 120_000);
});

describe('Mutua on KurrentDB when the server goes away and comes back on the same address', () => {
  it('answers STORE_UNAVAILABLE and a 503 /health while it is gone, then serves again without restart', async () => {
    const kurrentDb = await startKurrentDbStandIn();
    cleanups.push(() => kurrentDb.close());
    const server = await startServer({ env: { MUTUA_STORE: 'kurrentdb', KURRENTDB_URL: kurrentDb.url } });
    cleanups.push(() => server.stop());
    const pole = await seedPole(server, 1, [1]);
    const before = await reserve(server, pole.token, { resourceId: pole.resources[0]!.id, memberId: pole.memberIds[0]!, ...quarterSlot(0) });

    await kurrentDb.close();
    const refused = await reserve(server, pole.token, { resourceId: pole.resources[0]!.id, memberId: pole.memberIds[0]!, ...quarterSlot(1) });
    expect(refused).toMatchObject({ code: 'STORE_UNAVAILABLE', message: STORE_UNAVAILABLE_MESSAGE });
    await eventually(async () => (await healthOf(server)).body.status === 'store-unavailable', '/health to report the store gone');
    expect((await healthOf(server)).httpStatus).toBe(503);

    await kurrentDb.restart();
    await expectRecoveredWithoutRestart(server, pole, [before.id!], 2);
  }, 120_000);
});
