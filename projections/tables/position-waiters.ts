interface Waiter {
  position: number;
  resolve: (reached: boolean) => void;
}

/**
 * Callers waiting for the read models to include a log position (read-your-writes): each is
 * resolved true once the position is reached, or false when its timeout passes first, and is then
 * forgotten, so that waits for a position no log will reach do not pile up.
 */
export class PositionWaiters {
  private waiters: Waiter[] = [];

  get isEmpty(): boolean {
    return this.waiters.length === 0;
  }

  /** The furthest position a caller still waits for; -1 when none waits. */
  get furthest(): number {
    return this.waiters.reduce((furthest, waiter) => Math.max(furthest, waiter.position), -1);
  }

  wait(position: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter: Waiter = { position, resolve };
      this.waiters.push(waiter);
      if (!Number.isFinite(timeoutMs)) return;
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
        resolve(false);
      }, timeoutMs);
      timer.unref();
      waiter.resolve = (reached) => {
        clearTimeout(timer);
        resolve(reached);
      };
    });
  }

  /** Resolves every waiter for `position` or an earlier one. */
  release(position: number): void {
    if (this.waiters.length === 0) return;
    const stillWaiting: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.position <= position) waiter.resolve(true);
      else stillWaiting.push(waiter);
    }
    this.waiters = stillWaiting;
  }
}
