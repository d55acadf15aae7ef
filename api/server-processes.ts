import cluster, { type Worker } from 'node:cluster';
import { type NewsForOtherProcesses, type ProcessNews } from '../projections/tables/projector-thread.js';
import { PacedPositions } from '../projections/tables/paced-positions.js';

/** A process that died is started again after this long, so that a crash at start does not spin. */
const RESTART_DELAY_MS = 1_000;
/** On a stop, processes still running after this long are killed (each closes itself well before: `api/graceful-stop.ts`). */
const KILL_AFTER_MS = 30_000;

/**
 * Runs Mutua in several processes that share the HTTP port (Node's cluster module hands each new
 * connection to one of them) and the data directory, as separate processes may: SQLite serialises
 * their writes, each process's read models follow the log by position, and every command is
 * decided against the expected revision of its stream, whichever process takes it.
 *
 * The first process starts alone, so that it alone creates the store's tables and the first
 * coordinator; the others start once it listens. A process that dies is started again; a
 * SIGINT or SIGTERM is passed on to every process, and this one exits once they all have.
 */
export function superviseServerProcesses(count: number, log: (message: string) => void): void {
  let stopping = false;
  const start = (): void => {
    const worker = cluster.fork();
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      log(`Server process ${worker.process.pid} ended (${signal ?? `code ${code}`}): starting another in ${RESTART_DELAY_MS} ms`);
      setTimeout(() => stopping || start(), RESTART_DELAY_MS);
    });
  };
  cluster.on('message', (from: Worker, message: unknown) => {
    if (!isNewsMessage(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      // A process that ends meanwhile cannot take it: its news no longer matters (no 'error' event then).
      if (worker && worker !== from && worker.isConnected()) worker.send(message, ignoreFailure);
    }
  });
  let othersStarted = false;
  cluster.on('listening', () => {
    if (othersStarted) return;
    othersStarted = true;
    for (let started = 1; started < count; started += 1) start();
  });
  start();

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
      const killTimer = setTimeout(() => workers.forEach((worker) => worker.process.kill('SIGKILL')), KILL_AFTER_MS);
      let failed = false;
      // Nothing awaits a signal handler, and this cannot reject: each promise resolves when its worker exits.
      void Promise.all(workers.map((worker) => new Promise<void>((resolve) => {
        worker.once('exit', (code, endedBy) => {
          // A process still starting has no handler yet: the signal itself ends it, which is no failure.
          failed ||= code !== 0 && endedBy !== signal;
          resolve();
        });
        worker.process.kill(signal);
      }))).then(() => {
        clearTimeout(killTimer);
        process.exit(failed ? 1 : 0);
      });
    });
  }
}

/** A `ProcessNews` as it travels between the server processes and the one that started them. */
interface NewsMessage {
  mutuaNews: ProcessNews;
}

function isNewsMessage(message: unknown): message is NewsMessage {
  const news = (message as Partial<NewsMessage> | null)?.mutuaNews;
  return typeof news?.position === 'number' && (news.kind === 'appended' || news.kind === 'awaited' || news.kind === 'projected');
}

/**
 * In a server process started by `superviseServerProcesses`: passes this process's news to the
 * others, paced, and theirs to `hear`; returns where to tell news, or undefined in a process
 * started alone.
 */
export function newsBetweenProcesses(hear: (news: ProcessNews) => void): NewsForOtherProcesses | undefined {
  if (!cluster.isWorker || !process.send) return undefined;
  process.on('message', (message: unknown) => {
    if (isNewsMessage(message)) hear(message.mutuaNews);
  });
  return new PacedPositions<ProcessNews['kind']>((kind, position) => {
    if (process.connected) process.send!({ mutuaNews: { kind, position } } satisfies NewsMessage, undefined, undefined, ignoreFailure);
  });
}

/** News is a hint: the polls catch up with what a message lost with an ending process would have told. */
function ignoreFailure(): void {}
