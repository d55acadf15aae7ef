/**
 * `MUTUA_BENCH_COMPARE_WITH=<commit> npm run bench:compare`: one of the HTTP benchmark's loads
 * (reservations by default) on this checkout and on an earlier commit, in paired rounds, and how
 * the two compare.
 *
 * On the VMs Mutua is measured on, one run of the HTTP benchmark differs from the next by up to a
 * third: two versions can only be told apart by measuring them alternately, many times, and
 * comparing each round's pair. Each round starts a fresh server of each version (the order swapped
 * from one round to the next), warms it up as the HTTP benchmark does (`warmUp`), then measures
 * the load for as long as that benchmark does; the seed, the load client and the workload are this
 * checkout's, so that both versions answer the same requests. The report gives every round, then
 * the geometric mean of the throughput ratios with a bootstrap 95 % interval.
 *
 * `MUTUA_BENCH_COMPARE_LOAD` (`reserve`, `week-of-reservations` or `resources`), `MUTUA_BENCH_ROUNDS`
 * (10 by default) and `MUTUA_PROCESSES` (2 by default, one per core) may be set.
 * The earlier commit is checked out in the benchmark's workspace with its own `npm ci`, and
 * removed at the end.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { type LoadKind } from './http-load-client.js';
import {
  type Measured, MEASURED_FIRST_ROUND, productionServerEnv, QUERY_SECONDS, requestsPerSecond, RESERVE_SECONDS, loadOn, seed, serving, warmUp,
} from './http-load.js';
import { formatCount } from './benchmark.js';
import { geometricMean, median, pairedInterval } from './paired-rounds.js';
import { PROJECT_DIRECTORY, Workspace } from './workspace.js';
import { startServer } from '../test/support/mutua-server.js';

const ROUNDS = Number(process.env.MUTUA_BENCH_ROUNDS ?? 10);
const PROCESSES = Number(process.env.MUTUA_PROCESSES ?? 2);
const LOAD = (process.env.MUTUA_BENCH_COMPARE_LOAD ?? 'reserve') as LoadKind;
/**
 * What each load is called in the report, and how long the HTTP benchmark measures it. Typed by
 * every `LoadKind`; the client's module is not imported for its values, since importing it runs it.
 */
const LOADS: Record<LoadKind, { title: string; unit: string; seconds: number }> = {
  'reserve': { title: 'reservations', unit: 'reservations/s', seconds: RESERVE_SECONDS },
  'week-of-reservations': { title: 'a resource\'s week of reservations', unit: 'queries/s', seconds: QUERY_SECONDS },
  'resources': { title: 'the list of resources', unit: 'queries/s', seconds: QUERY_SECONDS },
};
/** Below this many rounds, a bootstrap interval only spans the few ratios drawn. */
const FEWEST_ROUNDS_FOR_AN_INTERVAL = 10;

interface Version {
  label: string;
  directory: string;
}

interface Round {
  order: string;
  current: Measured;
  earlier: Measured;
}

async function main(): Promise<void> {
  const commit = process.env.MUTUA_BENCH_COMPARE_WITH;
  if (!commit) throw new Error('MUTUA_BENCH_COMPARE_WITH names the commit to compare with, e.g. MUTUA_BENCH_COMPARE_WITH=63be09d');
  if (!Number.isSafeInteger(ROUNDS) || ROUNDS < 1) throw new Error('MUTUA_BENCH_ROUNDS is a number of rounds, 1 or more');
  if (!Number.isSafeInteger(PROCESSES) || PROCESSES < 1) throw new Error('MUTUA_PROCESSES is a number of server processes, 1 or more');
  if (!Object.hasOwn(LOADS, LOAD)) throw new Error(`MUTUA_BENCH_COMPARE_LOAD is one of ${Object.keys(LOADS).join(', ')}`);
  const startedAt = new Date();
  const loadAtStart = loadavg()[0]!;
  const workspace = Workspace.create();
  workspace.removeOnInterrupt();
  try {
    const current: Version = { label: `this checkout (${describeCheckout()})`, directory: PROJECT_DIRECTORY };
    const earlier: Version = { label: commit, directory: checkOut(commit, workspace) };
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const versions = round % 2 === 1 ? [earlier, current] : [current, earlier];
      const measured = new Map<Version, Measured>();
      for (const version of versions) {
        process.stderr.write(`▶ round ${round} of ${ROUNDS}: ${version.label}\n`);
        measured.set(version, await measuredOn(version, workspace.path(`round-${round}-${version === current ? 'current' : 'earlier'}`)));
      }
      rounds.push({ order: `${versions[0]!.label} first`, current: measured.get(current)!, earlier: measured.get(earlier)! });
    }
    process.stdout.write(`${report(startedAt, { atStart: loadAtStart, atEnd: loadavg()[0]! }, current, earlier, rounds).join('\n')}\n`);
  } finally {
    workspace.dispose();
  }
}

/** The commit in a worktree of the workspace, with the dependencies its lock file names. */
function checkOut(commit: string, workspace: Workspace): string {
  const directory = workspace.path('earlier');
  git('worktree', 'add', '--detach', directory, commit);
  workspace.onDispose(() => git('worktree', 'remove', '--force', directory));
  process.stderr.write(`▶ npm ci in the checkout of ${commit}\n`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: directory, stdio: ['ignore', 'ignore', 'inherit'] });
  return directory;
}

/** A fresh server of `version`, warmed up as the HTTP benchmark does, then the load measured. */
async function measuredOn(version: Version, dataDirectory: string): Promise<Measured> {
  const server = await startServer({
    projectDirectory: version.directory,
    dataDirectory,
    env: productionServerEnv(PROCESSES),
  });
  try {
    const base = await seed(server);
    const load = loadOn(base, await serving(server, PROCESSES, base.targets[0]!.token));
    await warmUp(load);
    // Reservations book slots after the warm-up's; queries read the week the warm-up filled.
    return await load(LOAD, { seconds: LOADS[LOAD].seconds }, LOAD === 'reserve' ? MEASURED_FIRST_ROUND : 0);
  } finally {
    await server.stop();
  }
}

function report(startedAt: Date, load: { atStart: number; atEnd: number }, current: Version, earlier: Version, rounds: readonly Round[]): string[] {
  const ratios = rounds.map((round) => requestsPerSecond(round.current) / requestsPerSecond(round.earlier));
  const interval = pairedInterval(ratios);
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;
  // Throughput counts the answers that succeeded: failures are shown, lest a version refusing requests pass for a slow one.
  const failed = (figures: Measured) => (figures.failures === 0 ? '' : `, ${formatCount(figures.failures)} failed`);
  const cell = (figures: Measured) =>
    `${formatCount(Math.round(requestsPerSecond(figures)))} ${LOADS[LOAD].unit}, p99 ${figures.latencyMsP99} ms, CPU ${figures.serverCpuMsPerRequest.toFixed(2)} ms${failed(figures)}`;
  return [
    `Mutua: ${LOADS[LOAD].title} over HTTP, ${PROCESSES} server process(es), ${rounds.length} paired rounds, ${startedAt.toISOString()}`,
    '',
    `- Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}; 1-minute load average ${load.atStart.toFixed(1)} at start, ${load.atEnd.toFixed(1)} at end`,
    `- Now: ${current.label}; before: ${earlier.label}. Each round: a fresh server of each, warmed up, then ${LOADS[LOAD].seconds} s of ${LOADS[LOAD].title}`,
    '',
    '| Round | Order | Now | Before | Now / before |',
    '| ----: | ----- | --- | ------ | -----------: |',
    ...rounds.map((round, index) => `| ${index + 1} | ${round.order} | ${cell(round.current)} | ${cell(round.earlier)} | ${percent(ratios[index]!)} |`),
    '',
    `Throughput now / before: geometric mean ${percent(geometricMean(ratios))}, 95 % interval ${percent(interval.low)} to ${percent(interval.high)} ` +
      `(bootstrap over the rounds${rounds.length < FEWEST_ROUNDS_FOR_AN_INTERVAL ? `; with fewer than ${FEWEST_ROUNDS_FOR_AN_INTERVAL} rounds it says little` : ''}); ` +
      `at 100 % or more in ${ratios.filter((ratio) => ratio >= 1).length} of ${ratios.length} rounds.`,
    `Server CPU per request now / before: geometric mean ${percent(geometricMean(rounds.map((round) => round.current.serverCpuMsPerRequest / round.earlier.serverCpuMsPerRequest)))}.`,
    `p99 latency, median of the rounds: ${median(rounds.map((round) => round.current.latencyMsP99))} ms now, ${median(rounds.map((round) => round.earlier.latencyMsP99))} ms before.`,
  ];
}

/** The commit checked out here, and whether files differ from it: the report must not pass a modified tree for a commit. */
function describeCheckout(): string {
  const changed = git('status', '--porcelain', '--untracked-files=no').length > 0;
  return `${git('rev-parse', '--short', 'HEAD')}${changed ? ', with uncommitted changes' : ''}`;
}

/** A git command on this checkout's repository, its output trimmed; its errors go to stderr. */
function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: PROJECT_DIRECTORY, encoding: 'utf8' }).trim();
}

await main();
