import { type MutuaConfig } from './config.js';

/**
 * How long one batch of the projector thread may take. Nothing waits on its event loop but the
 * projection itself, so batches are long: fewer commits, each rewriting fewer pages of the tables'
 * indexes per event. Read-your-writes waits for the batch holding the command's events, so this
 * also bounds what a command's answer can wait for a long catch-up's batch to end.
 */
export const PROJECTOR_BATCH_BUDGET_MS = 200;

export interface ProjectorThreadData {
  store: MutuaConfig['store'];
  dataDirectory: string;
}

/** From the server thread: the store has news (its own commands' appends), or stop. */
export type ServerThreadMessage = { type: 'news' } | { type: 'stop' };

/** From the projector thread. */
export type ProjectorThreadMessage =
  | { type: 'started' }
  | { type: 'batch'; position: number }
  | { type: 'error'; message: string }
  | { type: 'stopped' };
