/**
 * A dependency check run in the background for readiness probes: a probe
 * must answer at once, and a client's own "connected" flag stays true
 * while a broker or Redis is stopped or hung. A check that throws or
 * outlasts its timeout marks the dependency down until one succeeds.
 */
export class PeriodicCheck {
  private readonly check: () => Promise<unknown>;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly close: (() => Promise<void>) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private healthy = true;

  constructor(
    check: () => Promise<unknown>,
    options: {
      intervalMs: number;
      timeoutMs: number;
      /** Releases what the check holds open (a connection). */
      close?: () => Promise<void>;
    },
  ) {
    this.check = check;
    this.close = options.close;
    this.intervalMs = options.intervalMs;
    this.timeoutMs = options.timeoutMs;
  }

  get ok(): boolean {
    return this.healthy;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.close?.().catch(() => undefined);
  }

  /** One check now; resolves with the new state, never rejects. */
  async run(): Promise<boolean> {
    let timeout: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timeout = setTimeout(() => reject(new Error('timeout')), this.timeoutMs);
    });
    try {
      await Promise.race([this.check(), expired]);
      this.healthy = true;
    } catch {
      this.healthy = false;
    } finally {
      clearTimeout(timeout);
    }
    return this.healthy;
  }
}
