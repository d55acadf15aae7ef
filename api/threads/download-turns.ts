import { assert } from '../../domain/shared/errors.js';
import { type ErrorCode } from '../../shared/error-codes.js';

/** How many downloads of one kind a server writes at once, and how many may wait their turn. */
export interface DownloadLimits {
  /** Downloads written at the same time. */
  atOnce: number;
  /** Downloads waiting for one of those to end; beyond them a request is refused (`DownloadsBusyError`). */
  waiting: number;
}

/**
 * The pages of a download are written one at a time in its kind's thread (`OnDemandThread`), so a
 * fifth download at once would be no quicker for anyone; each one written holds up to three pages
 * on the request thread (the one being sent and `DOWNLOAD_PAGES_AHEAD`), about a mebibyte each for
 * an audit bundle. Unbounded, a hundred bundle downloads whose clients stopped reading took a
 * server from 381 to 840 MiB resident (README, « Downloads taken in turn »).
 */
export const DOWNLOAD_LIMITS: DownloadLimits = { atOnce: 4, waiting: 32 };

/** What a refused download tells its client: a bundle of a busy pôle takes about a minute to send. */
const RETRY_AFTER_SECONDS = 60;

/** Every turn is taken and the line is full: the download is refused, to be asked again later. */
export class DownloadsBusyError extends Error {
  readonly code = 'DOWNLOADS_BUSY' satisfies ErrorCode;
  override name = 'DownloadsBusyError';
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;

  constructor() {
    super('Trop de téléchargements sont en cours sur le serveur : réessayez dans une minute.');
  }
}

/** Why a download waiting its turn left the line: its client closed the connection. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';

  constructor() {
    super('The client closed the connection before its download\'s turn came');
  }
}

/** A download's turn: it ends once, when the download's answer ends (sent, failed, or its client gone). */
export interface DownloadTurn {
  end(): void;
}

/**
 * The turns of one kind of download in a server process. Downloads are written in the order they
 * came: a turn that ends passes to the first one waiting, so that a newcomer never goes before it.
 */
export class DownloadTurns {
  private writing = 0;
  /** Each waiting download's way to be told its turn has come, first come first. */
  private readonly line = new Set<() => void>();

  constructor(private readonly limits: DownloadLimits = DOWNLOAD_LIMITS) {
    assert(limits.atOnce >= 1 && limits.waiting >= 0, 'at least one download is written at a time');
  }

  /** Downloads being written now. */
  get inProgress(): number {
    return this.writing;
  }

  /** Downloads waiting for their turn. */
  get waiting(): number {
    return this.line.size;
  }

  /**
   * The download's turn, at once if one is free, else once those before it have ended; a
   * `DownloadsBusyError` if the line is full. `signal` aborts when its client has gone: then it
   * takes nothing, or leaves the line, and rejects with a `ClientGoneError`.
   */
  async take(signal: AbortSignal): Promise<DownloadTurn> {
    if (signal.aborted) throw new ClientGoneError();
    if (this.writing < this.limits.atOnce) {
      assert(this.line.size === 0, 'downloads wait only while every turn is taken');
      this.writing += 1;
      return this.turn();
    }
    if (this.line.size >= this.limits.waiting) throw new DownloadsBusyError();
    await this.waitInLine(signal);
    return this.turn();
  }

  private async waitInLine(signal: AbortSignal): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const leave = () => {
        this.line.delete(comeIn);
        reject(new ClientGoneError());
      };
      const comeIn = () => {
        signal.removeEventListener('abort', leave);
        resolve();
      };
      this.line.add(comeIn);
      signal.addEventListener('abort', leave, { once: true });
    });
  }

  private turn(): DownloadTurn {
    let ended = false;
    return {
      end: () => {
        if (ended) return;
        ended = true;
        this.passOn();
      },
    };
  }

  /** A turn that ends goes to the first download waiting; with none, one fewer is written. */
  private passOn(): void {
    const first = this.line.values().next();
    if (!first.done) {
      this.line.delete(first.value);
      first.value();
      return;
    }
    this.writing -= 1;
    assert(this.writing >= 0, 'a turn ends once');
  }
}
