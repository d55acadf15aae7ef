/**
 * The projector thread's side of a `ProjectorThread`: what the two threads post each other, and the
 * loop that projects. Apart from the request thread's side so that a projector thread loads none
 * of what starting one needs (esbuild, through `worker-bundle.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runAtBackgroundPriority } from './background-priority.js';
import { type ReadModels } from './read-models.js';
import { type ReadModelsProgress } from './read-models-view.js';

/** What the projector thread tells the request thread. */
export type FromProjector =
  | { type: 'progress'; progress: ProgressInWords }
  | { type: 'ready'; progress: ProgressInWords }
  | { type: 'failure'; message: string }
  | { type: 'stopped' };

/** What the request thread tells the projector thread. */
export type ToProjector = { type: 'head' | 'awaited' | 'projected'; position: number } | { type: 'stop' };

/** A progress report that crosses threads: the failure in words (an Error's own fields would not all survive). */
export type ProgressInWords = Omit<ReadModelsProgress, 'lastError'> & { lastError: string | undefined };

/** What a projector thread is started with. */
export interface ProjectorWorkerData {
  /** `ProjectorThreadOptions.payload`. */
  payload: unknown;
  /** The events a rebuild folds before its thread is sure to be replaced once the rebuild is live. */
  renewalMinEvents: number;
}

/** What a projector thread's read models report to the request thread (their `ReadModelsOptions` of the same names). */
export interface ProjectorHooks {
  onProgress: (progress: ReadModelsProgress) => void;
  onError: (error: unknown) => void;
}

/**
 * In a projector thread: starts the read models `open` makes (with the hooks given), reports their
 * progress and failures to the request thread, and stops them when asked, then `close`s.
 *
 * Once its rebuilds have folded enough events for the thread to be replaced when they are live
 * (`RENEWAL_MIN_EVENTS`), it goes on at a lower priority (`runAtBackgroundPriority`): a first start
 * on a long log, or a projection rebuilt from 0, keeps a core busy for minutes, and the request
 * thread must not wait for one. The fresh thread that follows the log afterwards keeps the normal
 * priority, so that read-your-writes under load does not wait behind requests.
 */
export async function projectForParentThread(
  open: (hooks: ProjectorHooks) => ReadModels,
  describeError: (error: unknown) => string,
  close: () => Promise<void>,
): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('projectForParentThread runs in a worker thread');
  const send = (message: FromProjector) => port.postMessage(message);
  const inWords = (progress: ReadModelsProgress): ProgressInWords => ({
    ...progress, lastError: progress.lastError === undefined ? undefined : describeError(progress.lastError),
  });
  const { renewalMinEvents } = workerData as ProjectorWorkerData;
  let started = false;
  let inBackground = false;
  const readModels = open({
    onProgress: (progress) => {
      if (!inBackground && progress.eventsRebuilt >= renewalMinEvents) {
        runAtBackgroundPriority();
        inBackground = true;
      }
      if (started) send({ type: 'progress', progress: inWords(progress) });
    },
    onError: (error) => send({ type: 'failure', message: describeError(error) }),
  });
  port.on('message', (message: ToProjector) => {
    if (message.type === 'head') readModels.noticeHead(message.position);
    else if (message.type === 'awaited') readModels.noticeAwaited(message.position);
    else if (message.type === 'projected') readModels.noticeProjected(message.position);
    else void stopThenClose();
  });
  async function stopThenClose() {
    await readModels.stop();
    await close();
    send({ type: 'stopped' });
    port!.close();
  }
  await readModels.start();
  started = true;
  send({
    type: 'ready',
    progress: inWords(readModels.progress),
  });
}
