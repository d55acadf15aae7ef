import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { compiledWorker, compiledWorkerFlags } from '../../projections/tables/worker-bundle.js';
import { formatEuros } from '../../shared/money.js';

const PROBE = new URL('../support/compiled-worker-probe.ts', import.meta.url);
const COMPILING_PROCESS = fileURLToPath(new URL('../support/compile-worker-process.ts', import.meta.url));
/** What the probe formats in its thread, formatted here. */
const FORMATTED = formatEuros(123_456);
const PROJECT_DIRECTORY = fileURLToPath(new URL('../..', import.meta.url));

/** What the probe tells its parent. */
interface ProbeMessage {
  formatted: string;
  compiledQuery: boolean;
  execArgv: string[];
}

function runWorker(entry: URL): Promise<ProbeMessage> {
  const worker = new Worker(entry, { execArgv: [], workerData: { amountCents: 123_456 } });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: ProbeMessage) => resolve(message));
    worker.once('error', reject);
  });
}

describe('A worker compiled from TypeScript (the projector thread’s code)', () => {
  it('runs without tsx in its thread, importing the project’s modules and packages', async () => {
    const entry = await compiledWorker(PROBE);

    expect(entry.pathname).toMatch(/\/node_modules\/\.cache\/mutua-workers\/[0-9a-f]{20}\/worker\.mjs$/);
    await expect(runWorker(entry)).resolves.toEqual({ formatted: FORMATTED, compiledQuery: true, execArgv: [] });
  });

  it('is compiled once per process, and again once its files are removed', async () => {
    const entry = await compiledWorker(PROBE);
    expect(await compiledWorker(PROBE)).toEqual(entry);

    rmSync(dirname(fileURLToPath(entry)), { recursive: true });
    const compiledAgain = await compiledWorker(PROBE);

    expect(compiledAgain).toEqual(entry);
    expect(existsSync(fileURLToPath(compiledAgain))).toBe(true);
    await expect(runWorker(compiledAgain)).resolves.toMatchObject({ formatted: FORMATTED });
  });

  it('is placed whole once when several processes compile the same code at once', async () => {
    const entry = await compiledWorker(PROBE);
    const directory = dirname(fileURLToPath(entry));
    rmSync(directory, { recursive: true });

    const compile = promisify(execFile);
    const outputs = await Promise.all([1, 2, 3].map(() => compile(process.execPath, ['--import', 'tsx', COMPILING_PROCESS], { cwd: PROJECT_DIRECTORY })));

    expect(outputs.map(({ stdout }) => stdout.trim())).toEqual([entry.href, entry.href, entry.href]);
    // No process's staging directory is left beside it.
    const siblings = readdirSync(dirname(directory)).filter((name) => name.startsWith(`${directory.split('/').pop()!}.`));
    expect(siblings).toEqual([]);
    await expect(runWorker(entry)).resolves.toMatchObject({ formatted: FORMATTED });
  });
});

describe('The projector thread’s flags', () => {
  it('are this process’s profilers’ and warnings’, each with its value, and not those that load a module first', () => {
    const byTsxCommand = ['--require', '/work/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///work/node_modules/tsx/dist/loader.mjs'];
    const byHand = ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir=/tmp/profiles', '--import=tsx', '--heap-prof-dir', '/tmp/heaps', '--trace-warnings'];

    expect(compiledWorkerFlags(byTsxCommand)).toEqual([]);
    expect(compiledWorkerFlags(byHand)).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/profiles', '--heap-prof-dir', '/tmp/heaps', '--trace-warnings']);
  });

  it('leave out V8’s and the process’s flags, which hold for every thread already and which a Worker refuses: a server started with one still starts its projector thread', async () => {
    const profiles = mkdtempSync(join(tmpdir(), 'mutua-thread-flags-'));
    try {
      const processFlags = [
        '--max-old-space-size=4096', '--expose-gc', '--stack-trace-limit', '50', '--title=mutua', '--max-semi-space-size=32',
        '--import', 'tsx', '--cpu-prof', '--cpu-prof-dir', profiles, '--no-warnings',
      ];
      const execArgv = compiledWorkerFlags(processFlags);
      expect(execArgv).toEqual(['--cpu-prof', '--cpu-prof-dir', profiles, '--no-warnings']);

      const worker = new Worker('require("node:worker_threads").parentPort.postMessage(process.execArgv)', { eval: true, execArgv });
      const [given] = (await once(worker, 'message')) as [string[]];
      expect(given).toEqual(execArgv);
      expect(await once(worker, 'exit')).toEqual([0]);
      // The profiler's flags reached the thread: it wrote its profile on exit.
      expect(readdirSync(profiles).filter((name) => name.endsWith('.cpuprofile'))).toHaveLength(1);
    } finally {
      rmSync(profiles, { recursive: true, force: true });
    }
  });
});
