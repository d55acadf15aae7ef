/**
 * `npm run bench`: runs every benchmark in one process, on one disk, and prints a markdown report
 * on stdout (progress goes to stderr, so `npm run bench > report.md` keeps only the report).
 *
 * To add a benchmark, write `bench/<what-it-measures>.ts` exporting a `Benchmark` and list it below.
 */
import { readFileSync, statfsSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { type Benchmark, type BenchmarkRow } from './benchmark.js';
import { eventStoreAppends } from './event-store-appends.js';
import { eventStoreReads } from './event-store-reads.js';
import { readModelsBenchmark } from './read-models.js';
import { serverOnLongLog } from './server-on-long-log.js';
import { projectorThreadBenchmark } from './projector-thread.js';
import { reservationsBenchmark } from './reservations.js';
import { fecExportBenchmark } from './fec-export.js';
import { settlementBenchmark } from './settlement.js';
import { httpLoad } from './http-load.js';
import { invoiceFilesBenchmark } from './invoice-files.js';
import { postgresVersion } from './postgres.js';
import { postgresAppends } from './postgres-appends.js';
import { postgresHttpLoad } from './postgres-http-load.js';
import { postgresReadModels } from './postgres-read-models.js';
import { formatTable } from './table.js';
import { PROJECT_DIRECTORY, Workspace } from './workspace.js';

/** Each PostgreSQL benchmark right after its SQLite counterpart, so that the two are measured close in time. */
const ALL_BENCHMARKS: readonly Benchmark[] = [
  eventStoreAppends, postgresAppends, eventStoreReads, readModelsBenchmark, postgresReadModels, projectorThreadBenchmark, serverOnLongLog,
  reservationsBenchmark, settlementBenchmark, fecExportBenchmark, invoiceFilesBenchmark, httpLoad, postgresHttpLoad,
];

/**
 * `MUTUA_BENCH_ONLY=Reservations npm run bench` runs the benchmarks whose title contains the word;
 * `MUTUA_BENCH_ONLY="Read models|long log"` those whose title contains either.
 */
const WANTED = process.env.MUTUA_BENCH_ONLY?.split('|').filter((word) => word.length > 0) ?? [];
const BENCHMARKS = ALL_BENCHMARKS.filter((benchmark) => WANTED.length === 0 || WANTED.some((word) => benchmark.title.includes(word)));

const FILESYSTEM_NAMES = new Map<number, string>([
  [0xef53, 'ext4'],
  [0x58465342, 'xfs'],
  [0x9123683e, 'btrfs'],
  [0x794c7630, 'overlayfs'],
  [0x01021994, 'tmpfs'],
]);

async function main(): Promise<void> {
  const startedAt = new Date();
  const startedMs = performance.now();
  const loadAtStart = loadavg()[0]!;
  const workspace = Workspace.create();
  workspace.removeOnInterrupt();
  const rows: BenchmarkRow[] = [];
  try {
    for (const benchmark of BENCHMARKS) {
      process.stderr.write(`▶ ${benchmark.title}\n`);
      rows.push(...(await benchmark.run(workspace)));
    }
  } finally {
    workspace.dispose();
  }
  const totalMs = performance.now() - startedMs;
  const load = { atStart: loadAtStart, atEnd: loadavg()[0]! };
  process.stdout.write(`${[...describeRun(startedAt, workspace, totalMs, load), '', formatTable(rows)].join('\n')}\n`);
}

/**
 * The load average is printed because other work on the machine (tests, type checks) shows in the
 * figures: the benchmark itself accounts for 1 to 2, so more on 2 cores means it shared its CPUs.
 */
function describeRun(startedAt: Date, workspace: Workspace, totalMs: number, load: { atStart: number; atEnd: number }): string[] {
  const processors = cpus();
  const filesystemType = statfsSync(PROJECT_DIRECTORY).type;
  return [
    `Mutua benchmarks, ${startedAt.toISOString()} (total ${(totalMs / 1_000).toFixed(0)} s)`,
    '',
    `- Machine: ${processors.length} × ${processors[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}; ` +
      `1-minute load average ${load.atStart.toFixed(1)} at start, ${load.atEnd.toFixed(1)} at end`,
    `- Node ${process.version}, better-sqlite3 ${betterSqliteVersion()}, SQLite ${sqliteVersion()}`,
    `- Store files in ${relative(PROJECT_DIRECTORY, workspace.directory)}/ ` +
      `(${FILESYSTEM_NAMES.get(filesystemType) ?? `filesystem 0x${filesystemType.toString(16)}`}, ` +
      'same disk as the project), WAL, synchronous=FULL; removed after the run',
    ...(BENCHMARKS.some((benchmark) => benchmark.title.includes('PostgreSQL'))
      ? [`- ${postgresVersion()} on 127.0.0.1, a cluster of the run's own in ${tmpdir()} ` +
        `(${FILESYSTEM_NAMES.get(statfsSync(tmpdir()).type) ?? 'filesystem of its own'}), fsync=on, full_page_writes=on, ` +
        'synchronous_commit=on, other settings the defaults; removed after the run']
      : []),
  ];
}

function betterSqliteVersion(): string {
  const manifest = readFileSync(join(PROJECT_DIRECTORY, 'node_modules/better-sqlite3/package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

function sqliteVersion(): string {
  const database = new Database(':memory:');
  try {
    return database.prepare<[], { version: string }>('SELECT sqlite_version() AS version').get()!.version;
  } finally {
    database.close();
  }
}

await main();
