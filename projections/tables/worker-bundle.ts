/**
 * A worker thread's code as plain JavaScript, compiled by esbuild when a process first starts the
 * worker. Through tsx, a projector thread took about 1.9 s of CPU from its start until caught up
 * with an empty store, spread over three threads (the worker, tsx's module hooks, esbuild's
 * service): on two cores the request thread then waited for one, 100 to 200 ms when the projector
 * thread was replaced after a rebuild. Compiled, it takes about 0.6 s, in its own thread.
 *
 * The worker module and this project's modules it imports become a few files (modules it imports
 * on demand, such as another backend's store, stay files of their own, loaded on demand); packages
 * stay imports of `node_modules`. The files are named by a hash of their content, under
 * `node_modules/.cache/mutua-workers/`, so that processes running different versions of the code
 * (two checkouts sharing `node_modules`, a server restarted after a deploy) never load each other's.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { build, type OutputFile } from 'esbuild';

/**
 * Inside `node_modules`, so that the compiled files' imports of packages resolve to the packages
 * the sources import, as Node resolves them from any file of the project.
 */
const BUNDLES_DIRECTORY = fileURLToPath(new URL('../../node_modules/.cache/mutua-workers/', import.meta.url));
/** Where esbuild is told it writes: it writes nothing (`write: false`), the files are placed by `placeOnce`. */
const VIRTUAL_OUT_DIRECTORY = join(BUNDLES_DIRECTORY, 'out');
/** The entry point's file name in a bundle's directory. */
const ENTRY_FILE = 'worker.mjs';
/**
 * Bundles kept, the most recently compiled first; older ones are removed when another is
 * compiled. A process whose bundle was removed compiles it again before it next starts a worker.
 */
const BUNDLES_KEPT = 32;

const bundles = new Map<string, Promise<URL>>();

/**
 * The file URL of `workerModule` (a TypeScript module of this project) compiled to JavaScript, for
 * `new Worker(url)`: compiled once per process, or again if its files have since been removed.
 */
export async function compiledWorker(workerModule: URL): Promise<URL> {
  const cached = bundles.get(workerModule.href);
  if (cached) {
    const entry = await cached.catch(() => undefined);
    if (entry && existsSync(fileURLToPath(entry))) return entry;
  }
  const compiling = compile(workerModule);
  bundles.set(workerModule.href, compiling);
  return compiling;
}

/**
 * A thread running code `compiledWorker` returned, with the flags of this process that such a
 * thread may take (`compiledWorkerFlags`): every compiled worker starts here, so that none
 * inherits a flag that breaks it.
 */
export function startCompiledWorker(code: URL, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  return new Worker(code, { ...options, execArgv: compiledWorkerFlags(process.execArgv) });
}

async function compile(workerModule: URL): Promise<URL> {
  const { outputFiles } = await build({
    entryPoints: { worker: fileURLToPath(workerModule) },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    splitting: true,
    // `.mjs`: no package.json under node_modules says "type": "module", and a `.js` file there would load as CommonJS.
    outExtension: { '.js': '.mjs' },
    outdir: VIRTUAL_OUT_DIRECTORY,
    write: false,
    logLevel: 'silent',
  });
  const directory = join(BUNDLES_DIRECTORY, contentHash(outputFiles));
  try {
    placeOnce(directory, outputFiles);
    removeOlderBundles();
  } catch (error) {
    throw new Error(`A worker's compiled code could not be written under ${BUNDLES_DIRECTORY}, which the server must be able to write: ${String(error)}`, { cause: error });
  }
  return pathToFileURL(join(directory, ENTRY_FILE));
}

function contentHash(files: readonly OutputFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(relative(VIRTUAL_OUT_DIRECTORY, file.path)).update('\0').update(file.contents);
  }
  return hash.digest('hex').slice(0, 20);
}

/**
 * Writes the files into a directory of their own, then renames it into place: a process that
 * finds the directory finds all of it, and processes compiling the same code at once write it once.
 */
function placeOnce(directory: string, files: readonly OutputFile[]): void {
  if (existsSync(directory)) {
    // Touched, so that it counts as recently used when bundles are removed.
    const now = new Date();
    utimesSync(directory, now, now);
    return;
  }
  const staging = `${directory}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  for (const file of files) {
    const path = join(staging, relative(VIRTUAL_OUT_DIRECTORY, file.path));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
  }
  try {
    renameSync(staging, directory);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process placed the same files first.
    if (!existsSync(directory)) throw error;
  }
}

function removeOlderBundles(): void {
  const bundlesByRecentUse = readdirSync(BUNDLES_DIRECTORY)
    .map((name) => join(BUNDLES_DIRECTORY, name))
    .map((path) => ({ path, usedMs: modifiedMs(path) }))
    .sort((a, b) => b.usedMs - a.usedMs);
  for (const { path } of bundlesByRecentUse.slice(BUNDLES_KEPT)) rmSync(path, { recursive: true, force: true });
}

/** A directory's modification time; 0 if another process has just removed it (or is still placing it). */
function modifiedMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The flags of this process that a worker running compiled code (the projector thread, the
 * password strength thread) is given, as its `execArgv`: the profilers' (so that `--cpu-prof`
 * profiles it too) and those about warnings and source maps, each with its value. Not those that
 * load a module first (`--import tsx`, a probe of the request thread): the worker's code is
 * compiled and complete, and a worker given them (as it is by default) fails to load a `.ts` probe
 * before tsx's hooks. Nor V8's (`--max-old-space-size`, `--expose-gc`) and the process's
 * (`--title`): they hold for every thread of the process already, and a `Worker` refuses them in
 * its `execArgv` (ERR_WORKER_INVALID_EXEC_ARGV), so that a server started with one could not
 * start its projector thread.
 */
export function compiledWorkerFlags(execArgv: readonly string[]): string[] {
  const flags: string[] = [];
  for (let index = 0; index < execArgv.length; index += 1) {
    const flag = execArgv[index]!;
    const next = execArgv[index + 1];
    // A flag's value may follow it as a word of its own (`--import tsx`): a word that does not start with a dash.
    const withValue = !flag.includes('=') && next !== undefined && !next.startsWith('-') ? [flag, next] : [flag];
    if (THREAD_FLAGS.has(flag.split('=', 1)[0]!)) flags.push(...withValue);
    index += withValue.length - 1;
  }
  return flags;
}

/** Node's flags that hold per thread and that a compiled worker shares with the process that starts it. */
const THREAD_FLAGS = new Set([
  '--cpu-prof', '--cpu-prof-dir', '--cpu-prof-name', '--cpu-prof-interval',
  '--heap-prof', '--heap-prof-dir', '--heap-prof-name', '--heap-prof-interval',
  '--enable-source-maps', '--trace-warnings', '--trace-deprecation', '--trace-uncaught', '--no-warnings', '--no-deprecation',
  '--unhandled-rejections',
]);
