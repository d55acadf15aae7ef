import { mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';

export const PROJECT_DIRECTORY = fileURLToPath(new URL('..', import.meta.url));

/** statfs' magic number for tmpfs: a store there never reaches a disk, so its fsyncs cost nothing. */
const TMPFS_MAGIC = 0x01021994;

export interface OpenedStore {
  store: SqliteEventStore;
  database: BetterSqlite3.Database;
  close(): Promise<void>;
}

/**
 * A temporary directory under the project's git-ignored `.tmp/`, on the same disk as the project,
 * holding every file the benchmarks write. Fixtures costly to build (the million-event log) are
 * built once and shared by the benchmarks that read them.
 */
export class Workspace {
  private readonly fixtures = new Map<string, Promise<unknown>>();
  private readonly disposers: Array<() => void> = [];

  private constructor(readonly directory: string) {}

  static create(): Workspace {
    const parent = join(PROJECT_DIRECTORY, '.tmp');
    mkdirSync(parent, { recursive: true });
    if (statfsSync(parent).type === TMPFS_MAGIC) {
      throw new Error(`${parent} is on tmpfs: durable appends would be measured without a disk`);
    }
    return new Workspace(mkdtempSync(join(parent, 'bench-')));
  }

  path(fileName: string): string {
    return join(this.directory, fileName);
  }

  /** Opens a store as the server does: WAL, synchronous=FULL, group commit. */
  openStore(fileName: string): OpenedStore {
    const database = openSqliteDatabase(this.path(fileName));
    const store = new SqliteEventStore(database);
    return {
      store,
      database,
      async close() {
        await store.close();
        database.close();
      },
    };
  }

  /** Builds a fixture on first use; later callers get the same one. */
  fixture<Fixture>(name: string, build: () => Promise<Fixture>): Promise<Fixture> {
    let fixture = this.fixtures.get(name);
    if (!fixture) this.fixtures.set(name, (fixture = build()));
    return fixture as Promise<Fixture>;
  }

  /** Run by `dispose`, last registered first: a fixture that is not a file (a database server) stops there. */
  onDispose(dispose: () => void): void {
    this.disposers.push(dispose);
  }

  /** Removes the workspace when the run is interrupted (Ctrl-C, SIGTERM), then exits as an interrupted command does. */
  removeOnInterrupt(): void {
    const removeAndExit = () => {
      this.dispose();
      process.exit(130);
    };
    process.once('SIGINT', removeAndExit);
    process.once('SIGTERM', removeAndExit);
  }

  dispose(): void {
    for (const dispose of this.disposers.reverse()) dispose();
    this.disposers.length = 0;
    rmSync(this.directory, { recursive: true, force: true });
  }
}
