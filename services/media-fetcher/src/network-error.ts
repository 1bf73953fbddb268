import { FetchAbortedError, type MediaFetchError } from './errors.ts';

/**
 * A fetch that threw: when our shutdown aborted it, the work is handed
 * back rather than counted as a failed attempt; otherwise `failure`.
 */
export function abortedOr(
  error: unknown,
  shutdown: AbortSignal,
  failure: MediaFetchError,
): MediaFetchError {
  if (!shutdown.aborted) return failure;
  return new FetchAbortedError('fetch aborted by shutdown', { cause: error });
}
