import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { type EventRow, toRecordedEvent } from '../../eventstore/event-rows.js';
import { loginAs, type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';
import { CREATE_USER } from '../integration/graphql-documents.js';
import {
  ALL_RESERVATIONS, dataOf, type Pole, quarterSlot, readLogFile, reserve, runScript, seedPole, slotWindow,
} from './pole-fixture.js';

const SLOT_COUNT = 2_000;
/** Reservations kept in flight while the backup runs: it must not wait for them, nor catch half of them. */
const RESERVATIONS_IN_FLIGHT_DURING_BACKUP = 8;
const MAX_RESERVATIONS_DURING_BACKUP = 1_500;
const CANCEL = 'mutation($input: CancelReservationInput!) { cancelReservation(input: $input) { id status } }';
const REGISTER_CHARGED_RESOURCE = 'mutation($input: RegisterResourceInput!) { registerResource(input: $input) { id } }';
const OPEN_PERIOD = 'mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }';
const RECORD_PAYMENT = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) }';
const TREASURER = { email: 'tresorerie@pole.test', password: 'un-mot-de-passe-de-tresorerie' };

/** A treasurer records payments, so that balances differ from zero and their restore means something. */
async function recordPayments(server: RunningServer, pole: Pole): Promise<void> {
  dataOf(await server.graphql(CREATE_USER, { input: { ...TREASURER, role: 'TREASURER' } }, pole.token));
  const token = await loginAs(server, TREASURER.email, TREASURER.password);
  const today = new Date();
  const period = { from: `${today.getUTCFullYear()}-01-01`, to: `${today.getUTCFullYear() + 1}-01-01` };
  dataOf(await server.graphql(OPEN_PERIOD, { input: period }, token));
  const paidOn = today.toISOString().slice(0, 10);
  for (const [index, memberId] of pole.memberIds.entries()) {
    dataOf(await server.graphql(RECORD_PAYMENT, {
      input: { memberId, amountCents: 10_000 + index * 2_537, paidOn, direction: index % 2 === 0 ? 'FROM_MEMBER' : 'TO_MEMBER' },
    }, token));
  }
}

/** Everything a user could compare before and after a restore: members, resources, every reservation, balances. */
async function ledgerAnswers(server: RunningServer, pole: Pole) {
  const members = await server.graphql('{ members { id name legalForm joinedOn leftOn } }', {}, pole.token);
  const resources = await server.graphql('{ resources { id name kind capacity hourlyRateCents } }', {}, pole.token);
  const reservations = await Promise.all(pole.resources.map(async (resource) => dataOf(
    await server.graphql<{ reservations: unknown[] }>(ALL_RESERVATIONS, { resourceId: resource.id, ...slotWindow(SLOT_COUNT) }, pole.token),
  ).reservations));
  const farFuture = new Date(Date.now() + 400 * 86_400_000).toISOString();
  const balances = await server.graphql<{ balances: Array<{ member: { id: string }; balanceCents: number }> }>(
    'query($asOf: DateTime) { balances(asOf: $asOf) { member { id } balanceCents } }', { asOf: farFuture }, pole.token,
  );
  return { members: dataOf(members), resources: dataOf(resources), reservations, balances: dataOf(balances) };
}

function readBackupLog(file: string) {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return database.prepare<[], EventRow>('SELECT * FROM events ORDER BY position').all().map(toRecordedEvent);
  } finally {
    database.close();
  }
}

describe('npm run backup and npm run restore', () => {
  const dataDirectory = temporaryDataDirectory();
  const backupDirectory = temporaryDataDirectory();
  const env = { MUTUA_DATA_DIR: dataDirectory, MUTUA_BACKUP_DIR: backupDirectory };
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    for (const directory of [dataDirectory, backupDirectory]) rmSync(directory, { recursive: true, force: true });
  });

  it('copies the store while it serves, restores the copy, and the restored ledger verifies and answers as before', async () => {
    server = await startServer({ dataDirectory });
    const pole = await seedPole(server, 3, [1, 3]);
    const charged = dataOf(await server.graphql<{ registerResource: { id: string } }>(REGISTER_CHARGED_RESOURCE, {
      input: { name: 'Découpeuse laser', kind: 'EQUIPMENT', hourlyRateCents: 1_250, ownerMemberId: pole.memberIds[2] },
    }, pole.token)).registerResource.id;
    pole.resources.push({ id: charged, capacity: 1 });
    let slot = 0;
    const reserveMany = (count: number) => Promise.all(Array.from({ length: count }, () => {
      slot += 1;
      return reserve(server!, pole.token, {
        resourceId: pole.resources[slot % pole.resources.length]!.id, memberId: pole.memberIds[slot % 2]!, ...quarterSlot(slot, 2),
      });
    }));
    await recordPayments(server, pole);
    const cancelled = (await reserveMany(20)).slice(0, 3);
    for (const reservation of cancelled) {
      dataOf(await server.graphql(CANCEL, { input: { reservationId: reservation.id, reason: 'Réunion annulée' } }, pole.token));
    }

    // A backup taken under load is one consistent prefix of the log, and verifies.
    const backingUp = runScript('api/backup.ts', [], env);
    let backupDone = false;
    void backingUp.finally(() => (backupDone = true));
    const headBeforeBackup = readLogFile(dataDirectory).length;
    while (!backupDone && slot < MAX_RESERVATIONS_DURING_BACKUP) await reserveMany(RESERVATIONS_IN_FLIGHT_DURING_BACKUP);
    const underLoad = await backingUp;
    expect(underLoad.output).toContain('Sauvegarde vérifiée');
    expect(underLoad.code).toBe(0);
    const liveLog = readLogFile(dataDirectory);
    const backedUp = readBackupLog(join(backupDirectory, readdirSync(backupDirectory)[0]!));
    expect(backedUp).toEqual(liveLog.slice(0, backedUp.length));
    // Writes went on while it ran: the copy is a prefix taken in the middle of them.
    expect(liveLog.length).toBeGreaterThan(backedUp.length);
    expect(backedUp.length).toBeGreaterThanOrEqual(headBeforeBackup);

    // The backup to restore, taken while nothing is in flight, and what the ledger answers at that point.
    await new Promise((resolve) => setTimeout(resolve, 20)); // distinct file name: the timestamp has millisecond precision
    const quiet = await runScript('api/backup.ts', [], env);
    expect(quiet.code).toBe(0);
    const backupFile = newestBackup(backupDirectory);
    const answersAtBackup = await ledgerAnswers(server, pole);
    expect(answersAtBackup.balances.balances.some((balance) => balance.balanceCents !== 0)).toBe(true);

    // The ledger moves on after the backup.
    await reserveMany(15);
    const headBeforeRefusal = readLogFile(dataDirectory).length;
    const refused = await runScript('api/restore.ts', [backupFile], env);
    expect(refused.code).toBe(3);
    expect(refused.output).toContain('Mutua sert encore');
    expect(readLogFile(dataDirectory)).toHaveLength(headBeforeRefusal);
    expect((await ledgerAnswers(server, pole)).reservations.flat().length).toBeGreaterThan(answersAtBackup.reservations.flat().length);

    // Stopped (its read-model tables now run ahead of the backup), then restored.
    await server.stop();
    const logAtStop = readLogFile(dataDirectory);
    const restored = await runScript('api/restore.ts', [backupFile], env);
    expect(restored.output).toContain('Registre restauré');
    expect(restored.code).toBe(0);
    const verified = await runScript('api/verify.ts', [], env);
    expect(verified.output).toContain('aucune altération');

    // An operator who brings the old tables back by hand gets the restored ledger all the same:
    // projections whose checkpoints lie beyond the restored log's head are rebuilt.
    const previous = readdirSync(dataDirectory).find((name) => name.startsWith('before-restore-'))!;
    expect(readLogFile(join(dataDirectory, previous))).toEqual(logAtStop);
    expect(existsSync(join(dataDirectory, 'read-models.sqlite'))).toBe(false);
    for (const file of readdirSync(join(dataDirectory, previous)).filter((name) => name.startsWith('read-models.sqlite'))) {
      copyFileSync(join(dataDirectory, previous, file), join(dataDirectory, file));
    }
    server = await startServer({ dataDirectory });
    expect(await ledgerAnswers(server, pole)).toEqual(answersAtBackup);
  }, 180_000);
});

function newestBackup(directory: string): string {
  const files = readdirSync(directory).filter((name) => name.endsWith('.sqlite')).sort();
  return join(directory, files.at(-1)!);
}
