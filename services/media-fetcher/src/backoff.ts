import { setTimeout as sleepTimer } from 'node:timers/promises';
import { FetchAbortedError } from './errors.ts';

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with "equal jitter" (half fixed, half random), so
 * pods retrying the same throttled number spread out without ever
 * retrying at once. A server's Retry-After is a floor, up to `maxMs`.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  const floor = Math.min(retryAfterMs ?? 0, policy.maxMs);
  return Math.round(Math.max(jittered, floor));
}

/** Waits, or rejects with FetchAbortedError as soon as `signal` aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleepTimer(ms, undefined, { signal });
  } catch (error) {
    throw new FetchAbortedError('wait aborted by shutdown', { cause: error });
  }
}
