/**
 * The read-model loop's sleep between two rounds. News (a head, another projector's batch, a stop)
 * ends it at once; news that comes while the loop is at work skips the next one, so that it is
 * not left to the next poll.
 */
export class NewsSleep {
  private wakeUp: (() => void) | undefined;
  private newsWhileAwake = false;

  wake(): void {
    this.newsWhileAwake = true;
    this.wakeUp?.();
  }

  /** Resolves after `timeoutMs`, or at the first news, or at once if news came since the last sleep. */
  sleep(timeoutMs: number): Promise<void> {
    if (this.newsWhileAwake) {
      this.newsWhileAwake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.newsWhileAwake = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.wakeUp = done;
    });
  }
}
