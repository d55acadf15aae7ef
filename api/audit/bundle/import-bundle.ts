import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore, type EventToAppend, MAX_EVENTS_PER_APPEND, type RecordedEvent } from '../../../eventstore/event-store.js';
import { PostgresEventStore } from '../../../eventstore/postgres/postgres-event-store.js';
import { openSqliteDatabase } from '../../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../../eventstore/sqlite/sqlite-event-store.js';
import { type LedgerReport } from '../integrity/ledger-verifier.js';
import { verifyLedgerStore } from '../integrity/verify-ledger.js';
import { bundleFileEvents, verifyBundleFile } from './bundle-file.js';
import { formatFrench } from '../../../shared/icu-messages.js';

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

/** Where a bundle is imported: the SQLite file of an empty data directory, or an empty PostgreSQL store. */
export type ImportTarget = { kind: 'sqlite'; dataDirectory: string } | { kind: 'postgres'; url: string };

interface OpenedTarget {
  store: EventStore;
  close: () => Promise<void>;
}

/**
 * Imports a verified audit bundle into an empty store, as the log of a fresh Mutua: each run of
 * consecutive events of one stream is appended through the EventStore port, in log order, with
 * the expected revision its first event implies, keeping every event's id, metadata (and so its
 * hashes) and first recording time. The next `npm start` on the store builds the read models from
 * this log, and answers with the same balances and settlements. Refused when the bundle does not
 * verify, and when the target holds anything at all (a data directory with any file, a
 * PostgreSQL store with any event).
 */
export async function importBundle(file: string, target: ImportTarget): Promise<ImportOutcome> {
  if (target.kind === 'sqlite' && existsSync(target.dataDirectory) && readdirSync(target.dataDirectory).length > 0) {
    throw new ImportRefusedError(`${target.dataDirectory} n’est pas vide : un paquet d’audit s’importe dans un répertoire de données vide, jamais par-dessus un registre.`);
  }
  const { report: bundleReport, trailer } = await verifyBundleFile(file);
  if (bundleReport.problems.length > 0 || trailer === null) {
    throw new ImportRefusedError(formatFrench(
      'Le paquet {file} ne se vérifie pas ({problems, plural, one {# anomalie} other {# anomalies}}) : rien n’est importé. Lancez npm run verify -- --bundle {file} pour le détail.',
      { file, problems: bundleReport.problems.length },
    ));
  }
  const { store, close } = await openEmptyTarget(target);
  try {
    const eventsImported = await appendInLogOrder(store, bundleFileEvents(file));
    const report = await verifyLedgerStore(store);
    if (report.logDigest !== trailer.logDigest || report.eventsChecked !== trailer.eventCount) {
      throw new Error(`Import incomplet : ${report.eventsChecked} événements d’empreinte ${report.logDigest}, le paquet en annonce ${trailer.eventCount} d’empreinte ${trailer.logDigest}.`);
    }
    return { eventsImported, report };
  } finally {
    await close();
  }
}

async function openEmptyTarget(target: ImportTarget): Promise<OpenedTarget> {
  if (target.kind === 'sqlite') {
    const database = openSqliteDatabase(join(target.dataDirectory, 'mutua.sqlite'));
    const store = new SqliteEventStore(database);
    return {
      store,
      close: async () => {
        await store.close();
        database.close();
      },
    };
  }
  const store = new PostgresEventStore(target.url);
  // Read before any append: an import never interleaves its events with a registry already there.
  const head = await store.headPosition().catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  if (head !== -1) {
    await store.close();
    throw new ImportRefusedError(formatFrench(
      'Le registre PostgreSQL (DATABASE_URL) contient déjà {head, plural, one {# événement} other {# événements}} : un paquet d’audit s’importe dans un registre vide, jamais par-dessus un registre.',
      { head },
    ));
  }
  return { store, close: () => store.close() };
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
