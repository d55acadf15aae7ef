import { Worker } from 'node:worker_threads';
import { type HealthLogger } from './health/store-health.js';
import { type ProjectorThreadData, type ProjectorThreadMessage, type ServerThreadMessage } from './projector-thread-protocol.js';

const RESTART_DELAY_MS = 1_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Runs the read models' projector in a worker thread (`projector-thread.ts`) and keeps it running:
 * a thread that dies is started again after a second, going on from the checkpoints. The server
 * thread follows the tables it writes (`ReadModels` with `mayProject: false`), told of each batch.
 */
export class ProjectorThread {
  private worker: Worker | undefined;
  private stopping = false;

  constructor(
    private readonly data: ProjectorThreadData,
    private readonly onBatch: (position: number) => void,
    private readonly logger: HealthLogger,
  ) {}

  start(): void {
    const worker = new Worker(new URL('./projector-thread-entry.mjs', import.meta.url), { workerData: this.data });
    worker.on('message', (message: ProjectorThreadMessage) => {
      if (message.type === 'batch') this.onBatch(message.position);
      if (message.type === 'error') this.logger.warn(`Read models not updated (tried again in a second): ${message.message}`);
    });
    worker.on('error', (error) => this.logger.warn(`The read models' projector thread failed: ${String(error)}`));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      if (this.stopping) return;
      this.logger.warn('The read models\' projector thread ended: started again in a second.');
      setTimeout(() => {
        if (!this.stopping) this.start();
      }, RESTART_DELAY_MS).unref();
    });
    this.worker = worker;
  }

  /** The server thread appended events: the projector folds them now rather than at its next poll. */
  news(): void {
    this.send({ type: 'news' });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.send({ type: 'stop' });
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await new Promise<void>((resolve) => {
      worker.on('message', (message: ProjectorThreadMessage) => {
        if (message.type === 'stopped') resolve();
      });
      void ended.then(resolve);
    });
    clearTimeout(timer);
    await worker.terminate();
  }

  private send(message: ServerThreadMessage): void {
    this.worker?.postMessage(message);
  }
}
