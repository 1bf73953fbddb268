import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 200;

/**
 * Polls until the outputs match the expectations and the pipeline has
 * nothing left in flight, or `settleMs` passes; then, if it settled,
 * waits `quietMs` more so stragglers and late duplicates are seen too.
 * Returns the final snapshot either way: the checks decide.
 */
export async function waitForOutcome<T>(options: {
  settleMs: number;
  quietMs: number;
  snapshot: () => T;
  settled: (snapshot: T) => boolean;
  idle: () => Promise<boolean>;
}): Promise<T> {
  const deadline = performance.now() + options.settleMs;
  while (performance.now() < deadline) {
    if (options.settled(options.snapshot()) && (await options.idle())) {
      await sleep(options.quietMs);
      break;
    }
    await sleep(POLL_MS);
  }
  return options.snapshot();
}
