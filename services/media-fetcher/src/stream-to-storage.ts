import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DownloadFailedError,
  MediaFetchError,
  StorageError,
} from './errors.ts';
import { abortedOr } from './network-error.ts';
import type { MediaStorage, SaveRequest } from './storage.ts';
import type { VerifyingStream } from './verifying-stream.ts';

/**
 * Streams a download through the verifier into the store, never holding
 * the whole file in memory, and names the side that failed: the bytes
 * (verifier), the download (source) or the store.
 */
export async function streamToStorage(
  storage: MediaStorage,
  source: Readable,
  verifier: VerifyingStream,
  save: Omit<SaveRequest, 'body'>,
  signal: AbortSignal,
): Promise<boolean> {
  const failures = watchFailures(source, verifier);
  const feeding = pipeline(source, verifier);
  const saving = storage.save({ ...save, body: verifier });
  const [fed, saved] = await Promise.allSettled([feeding, saving]);
  if (saved.status === 'fulfilled' && fed.status === 'fulfilled') {
    return saved.value;
  }
  const cause: unknown = saved.status === 'rejected' ? saved.reason : undefined;
  throw blame(failures, cause ?? rejection(fed), signal);
}

interface Failures {
  source: unknown;
  verifier: unknown;
}

function watchFailures(source: Readable, verifier: VerifyingStream): Failures {
  const failures: Failures = { source: undefined, verifier: undefined };
  source.once('error', (error) => (failures.source ??= error));
  verifier.once('error', (error) => (failures.verifier ??= error));
  return failures;
}

function blame(
  failures: Failures,
  cause: unknown,
  signal: AbortSignal,
): MediaFetchError {
  if (failures.verifier instanceof MediaFetchError) return failures.verifier;
  if (failures.source !== undefined) {
    const failure = new DownloadFailedError('media download was cut off', {
      cause: failures.source,
      graphCode: 'network',
    });
    return abortedOr(failures.source, signal, failure);
  }
  if (cause instanceof MediaFetchError) return cause;
  return new StorageError('media store failed', { cause });
}

function rejection(result: PromiseSettledResult<unknown>): unknown {
  return result.status === 'rejected' ? result.reason : undefined;
}
