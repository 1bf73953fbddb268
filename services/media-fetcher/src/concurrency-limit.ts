/**
 * At most `limit` tasks run at once; the rest queue in arrival order.
 * Shared by every partition the pod consumes, so MEDIA_CONCURRENCY bounds
 * downloads per pod, however partitions are assigned.
 */
export class ConcurrencyLimit {
  private readonly limit: number;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  get active(): number {
    return this.running;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Resolves once nothing runs. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  // A finishing task hands its slot straight to the next in line, so a
  // newcomer can never slip in between and exceed the limit.
  private release(): void {
    const wake = this.waiting.shift();
    if (wake) return wake();
    this.running -= 1;
    if (this.running > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
