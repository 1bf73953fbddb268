import type { Logger } from '@wapipe/telemetry';
import { expectedDigest } from './digest.ts';
import {
  DigestMissingError,
  MediaTooLargeError,
  StorageError,
} from './errors.ts';
import type { MediaLocation } from './graph-client.ts';
import { openDownload, type DownloadOptions } from './media-download.ts';
import { extensionFor } from './media-extension.ts';
import type { MediaStorage } from './storage.ts';
import { storageKey } from './storage-key.ts';
import { streamToStorage } from './stream-to-storage.ts';
import { VerifyingStream } from './verifying-stream.ts';

export interface StoreDeps {
  storage: MediaStorage;
  download: DownloadOptions;
  maxBytes: number;
  logger: Logger;
}

/** The parts of a media request that shape the stored object. */
export interface MediaJob {
  mediaId: string;
  /** Phone number id, or the WABA id when Meta gave none. */
  owner: string;
  phoneNumberId: string | null;
  token: string;
  webhookSha256: string | null;
  requestMime: string | null;
  filename: string | null;
}

export interface StoredMedia {
  key: string;
  uri: string;
  sha256Hex: string;
  size: number;
  mimeType: string;
  extension: string;
  /** False when the same bytes were already stored. */
  created: boolean;
}

/**
 * Stores the media at a resolved location under its content address.
 * The key comes from the announced digest, so an object already there is
 * reused without downloading; otherwise the bytes must prove that digest.
 */
export async function storeMedia(
  deps: StoreDeps,
  job: MediaJob,
  location: MediaLocation,
  signal: AbortSignal,
): Promise<StoredMedia> {
  const target = targetOf(deps, job, location);
  const existing = await storageCall(() => deps.storage.sizeOf(target.key));
  if (existing !== undefined) {
    return { ...target, size: existing, created: false };
  }
  return download(deps, job, location, target, signal);
}

type Target = Omit<StoredMedia, 'size' | 'created'>;

function targetOf(
  deps: StoreDeps,
  job: MediaJob,
  location: MediaLocation,
): Target {
  const sha256Hex = expectedDigest(location.sha256, job.webhookSha256);
  if (sha256Hex === undefined) {
    throw new DigestMissingError('no sha256 announced for the media');
  }
  if ((location.fileSize ?? 0) > deps.maxBytes) {
    throw new MediaTooLargeError(`media exceeds ${deps.maxBytes} bytes`);
  }
  const mimeType =
    location.mimeType ?? job.requestMime ?? 'application/octet-stream';
  const extension = extensionFor(mimeType);
  const key = storageKey(job.owner, sha256Hex, extension);
  return { key, uri: deps.storage.uriOf(key), sha256Hex, mimeType, extension };
}

async function download(
  deps: StoreDeps,
  job: MediaJob,
  location: MediaLocation,
  target: Target,
  signal: AbortSignal,
): Promise<StoredMedia> {
  const { body } = await openDownload(
    deps.download,
    { url: location.url, token: job.token, announcedMime: target.mimeType },
    signal,
  );
  const verifier = new VerifyingStream({
    sha256Hex: target.sha256Hex,
    size: location.fileSize,
    maxBytes: deps.maxBytes,
  });
  const save = {
    key: target.key,
    contentType: target.mimeType,
    metadata: objectMetadata(job),
  };
  const created = await streamToStorage(
    deps.storage,
    body,
    verifier,
    save,
    signal,
  );
  return { ...target, size: verifier.byteCount, created };
}

// S3 user metadata must be ASCII; the sender's filename is user input.
function objectMetadata(job: MediaJob): Record<string, string> {
  const metadata: Record<string, string> = { 'media-id': job.mediaId };
  if (job.filename) metadata.filename = encodeURIComponent(job.filename);
  return metadata;
}

async function storageCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new StorageError('media store failed', { cause: error });
  }
}
