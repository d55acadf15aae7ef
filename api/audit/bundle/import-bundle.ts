import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore, type EventToAppend, MAX_EVENTS_PER_APPEND, type RecordedEvent } from '../../../eventstore/event-store.js';
import { openSqliteDatabase } from '../../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../../eventstore/sqlite/sqlite-event-store.js';
import { type LedgerReport } from '../integrity/ledger-verifier.js';
import { verifyLedgerStore } from '../integrity/verify-ledger.js';
import { bundleFileEvents, verifyBundleFile } from './bundle-file.js';

/** Appends sent to the store before waiting for them: they commit together, one fsync for the lot. */
const APPENDS_IN_FLIGHT = 200;

export class ImportRefusedError extends Error {
  override name = 'ImportRefusedError';
}

export interface ImportOutcome {
  eventsImported: number;
  /** The imported store, verified as `npm run verify` would. */
  report: LedgerReport;
}

/**
 * Imports a verified audit bundle into an empty data directory, as the SQLite store of a fresh
 * Mutua: each run of consecutive events of one stream is appended through the EventStore port,
 * in log order, with the expected revision its first event implies, keeping every event's id,
 * metadata (and so its hashes) and first recording time. The next `npm start` on the directory
 * builds the read models from this log, and answers with the same balances and settlements.
 * Refused when the bundle does not verify, and when the directory holds anything at all.
 */
export async function importBundle(file: string, dataDirectory: string): Promise<ImportOutcome> {
  if (existsSync(dataDirectory) && readdirSync(dataDirectory).length > 0) {
    throw new ImportRefusedError(`${dataDirectory} n’est pas vide : un paquet d’audit s’importe dans un répertoire de données vide, jamais par-dessus un registre.`);
  }
  const { report: bundleReport, trailer } = await verifyBundleFile(file);
  if (bundleReport.problems.length > 0 || trailer === null) {
    throw new ImportRefusedError(`Le paquet ${file} ne se vérifie pas (${bundleReport.problems.length} anomalie(s)) : rien n’est importé. Lancez npm run verify -- --bundle ${file} pour le détail.`);
  }
  const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
  const store = new SqliteEventStore(database);
  try {
    const eventsImported = await appendInLogOrder(store, bundleFileEvents(file));
    const report = await verifyLedgerStore(store, true);
    if (report.logDigest !== trailer.logDigest || report.eventsChecked !== trailer.eventCount) {
      throw new Error(`Import incomplet : ${report.eventsChecked} événements d’empreinte ${report.logDigest}, le paquet en annonce ${trailer.eventCount} d’empreinte ${trailer.logDigest}.`);
    }
    return { eventsImported, report };
  } finally {
    await store.close();
    database.close();
  }
}

async function appendInLogOrder(store: EventStore, events: AsyncIterable<RecordedEvent>): Promise<number> {
  let inFlight: Array<Promise<unknown>> = [];
  let run: RecordedEvent[] = [];
  let imported = 0;
  const flushRun = () => {
    if (run.length === 0) return;
    const first = run[0]!;
    const toAppend: EventToAppend[] = run.map(({ id, type, data, metadata, recordedAt }) => ({ id, type, data, metadata, recordedAt }));
    inFlight.push(store.appendToStream(first.streamId, toAppend, { expectedRevision: first.revision === 0 ? 'no_stream' : first.revision - 1 }));
    imported += run.length;
    run = [];
  };
  for await (const event of events) {
    if (run.length > 0 && (run[0]!.streamId !== event.streamId || run.length === MAX_EVENTS_PER_APPEND)) flushRun();
    run.push(event);
    if (inFlight.length >= APPENDS_IN_FLIGHT) {
      // The appends queued so far commit in the order they were queued: the log keeps the bundle's order.
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  flushRun();
  await Promise.all(inFlight);
  return imported;
}
