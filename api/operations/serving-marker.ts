import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folder of the data directory where each process serving it leaves a file named after its pid. */
const SERVING_FOLDER = 'serving';

/**
 * Marks the data directory as served by this process until the returned function is called.
 * `npm run restore` refuses to replace a store that a live process still has open: swapping the
 * file under it would leave that process writing into the old one, and its read models wrong.
 * A marker left behind by a killed process is recognised as stale (no such process) and ignored,
 * and removed as the next process starts: a service restarted after each crash leaves at most one.
 */
export function markServing(dataDirectory: string): () => void {
  const folder = join(dataDirectory, SERVING_FOLDER);
  mkdirSync(folder, { recursive: true });
  liveServingProcesses(dataDirectory);
  const marker = join(folder, String(process.pid));
  writeFileSync(marker, `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })}\n`);
  return () => rmSync(marker, { force: true });
}

/** The pids of the live processes serving the data directory; stale markers are removed on the way. */
export function liveServingProcesses(dataDirectory: string): number[] {
  const folder = join(dataDirectory, SERVING_FOLDER);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const pid = Number(name);
    if (!Number.isSafeInteger(pid) || pid <= 0) return [];
    if (isAlive(pid)) return [pid];
    rmSync(join(folder, name), { force: true });
    return [];
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user; only ESRCH means it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
