import type { Logger } from '@wapipe/telemetry';
import { sleep } from './backoff.ts';
import type { Claim, MediaClaims } from './media-claims.ts';

const BUSY_POLL_MS = 500;

/**
 * Claims the media, or waits while another worker holds it: its record
 * stays uncommitted until that worker finishes, so waiting (rather than
 * skipping) keeps ours from being committed ahead of a failure there.
 * Resolves 'done' when the media was already stored and published.
 */
export async function claimOrWait(
  claims: MediaClaims,
  key: string,
  signal: AbortSignal,
): Promise<Claim | 'done'> {
  for (;;) {
    const result = await claims.tryClaim(key);
    if (result.state === 'claimed') return result.claim;
    if (result.state === 'done') return 'done';
    await sleep(BUSY_POLL_MS + Math.random() * BUSY_POLL_MS, signal);
  }
}

/** Extends the lease while a long download runs; returns a stopper. */
export function renewWhileWorking(
  claims: MediaClaims,
  claim: Claim,
  leaseMs: number,
  logger: Logger,
): () => void {
  const timer = setInterval(
    () => {
      claims.renew(claim).then(
        (held) => {
          if (!held) logger.warn('media claim lease lost');
        },
        (error: unknown) =>
          logger.warn({ err: error }, 'media claim renew failed'),
      );
    },
    Math.max(1_000, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
