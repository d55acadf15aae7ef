import { closeSync, fsyncSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type IntegrityReport, verifyEvents } from '../../eventstore/integrity/verify-store.js';
import { type EventRow, toRecordedEvent } from '../../eventstore/event-rows.js';

const PAGE_SIZE = 5_000;

/** What a copy of the store holds, once checked. */
export interface CheckedCopy {
  report: IntegrityReport;
  /** Position of the last event, -1 for an empty log. */
  headPosition: number;
  /** SQLite's own check of the file's pages and indexes: `ok`, or what is wrong. */
  sqliteCheck: string;
}

/**
 * Checks a copy of the store as `npm run verify` checks the live one: SQLite's integrity check
 * of the file, then every stream's hash chain and the contiguity of positions.
 */
export async function checkCopy(file: string): Promise<CheckedCopy> {
  // Read-only: checking a backup must not change it, not even by creating a missing table.
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const sqliteCheck = (database.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((row) => row.integrity_check).join('; ');
    const report = await verifyEvents(readLog(database), { contiguousPositions: true });
    const head = database.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events').get();
    return { report, headPosition: head?.head ?? -1, sqliteCheck };
  } finally {
    database.close();
  }
}

function* readLog(database: BetterSqlite3.Database): Generator<RecordedEvent> {
  const page = database.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
  let afterPosition = -1;
  for (;;) {
    const rows = page.all(afterPosition, PAGE_SIZE);
    for (const row of rows) yield toRecordedEvent(row);
    if (rows.length < PAGE_SIZE) return;
    afterPosition = rows.at(-1)!.position;
  }
}

export const isSound = (copy: CheckedCopy) => copy.sqliteCheck === 'ok' && copy.report.problems.length === 0;

/** Flushes a file, or a directory's entries (a rename), to the disk. */
export function fsyncPath(path: string): void {
  const descriptor = openSync(path, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
