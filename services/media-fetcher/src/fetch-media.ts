import type { Logger } from '@wapipe/telemetry';
import { backoffDelay, sleep, type BackoffPolicy } from './backoff.ts';
import {
  DownloadFailedError,
  FetchAbortedError,
  MediaFetchError,
  StorageError,
} from './errors.ts';
import {
  resolveMedia,
  type GraphClientOptions,
  type MediaLocation,
} from './graph-client.ts';
import type { MediaMetrics } from './metrics.ts';
import {
  storeMedia,
  type MediaJob,
  type StoreDeps,
  type StoredMedia,
} from './store-media.ts';

// Meta's URLs live 5 minutes (§14.1); reuse one for a retry only well
// inside that.
const URL_REUSE_MS = 4 * 60 * 1000;

export interface FetchDeps extends StoreDeps {
  graph: GraphClientOptions;
  backoff: BackoffPolicy;
  maxAttempts: number;
  metrics: MediaMetrics;
  logger: Logger;
}

export type FetchResult =
  | { ok: true; stored: StoredMedia; attempts: number }
  | { ok: false; error: MediaFetchError; attempts: number };

/**
 * Resolves, downloads, verifies and stores one media object, retrying
 * what may heal (throttling, 5xx, an expired URL, wrong bytes) with
 * backoff. Gives up with the error on a permanent failure or the last
 * attempt. Store outages and shutdown are thrown: they are not the
 * media's fault and must not dead-letter it.
 */
export async function fetchMedia(
  deps: FetchDeps,
  job: MediaJob,
  signal: AbortSignal,
): Promise<FetchResult> {
  let location: MediaLocation | undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      location = await locate(deps, job, location, signal);
      const stored = await storeMedia(deps, job, location, signal);
      if (stored.created) deps.metrics.bytes.inc(stored.size);
      return { ok: true, stored, attempts: attempt };
    } catch (error) {
      const failure = asMediaError(error);
      noteFailure(deps, failure, attempt);
      if (!failure.retriable || attempt >= deps.maxAttempts) {
        return { ok: false, error: failure, attempts: attempt };
      }
      if (!reusable(failure, location)) location = undefined;
      const delay = backoffDelay(attempt, deps.backoff, failure.retryAfterMs);
      await sleep(delay, signal);
    }
  }
}

async function locate(
  deps: FetchDeps,
  job: MediaJob,
  previous: MediaLocation | undefined,
  signal: AbortSignal,
): Promise<MediaLocation> {
  if (previous) return previous;
  const target = {
    mediaId: job.mediaId,
    phoneNumberId: job.phoneNumberId,
    token: job.token,
  };
  return resolveMedia(deps.graph, target, signal);
}

/** Only a download that failed on the way (5xx, 429, reset) keeps its URL. */
function reusable(
  failure: MediaFetchError,
  location: MediaLocation | undefined,
): boolean {
  if (!(failure instanceof DownloadFailedError) || !location) return false;
  return Date.now() - location.resolvedAt < URL_REUSE_MS;
}

// Anything but a media failure (store outage, shutdown, a bug) leaves the
// retry loop and reaches the consumer, which hands the record back.
function asMediaError(error: unknown): MediaFetchError {
  const handedBack =
    error instanceof StorageError || error instanceof FetchAbortedError;
  if (error instanceof MediaFetchError && !handedBack) return error;
  throw error;
}

function noteFailure(
  deps: FetchDeps,
  failure: MediaFetchError,
  attempt: number,
): void {
  if (failure.graphCode !== undefined) {
    deps.metrics.graphErrors.inc({ code: failure.graphCode });
  }
  deps.logger.debug(
    { attempt, code: failure.code, err: failure },
    'media fetch attempt failed',
  );
}
