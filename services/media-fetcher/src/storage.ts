import type { Readable } from 'node:stream';
import type { MediaFetcherConfig } from './config.ts';
import { createLocalStorage } from './local-storage.ts';
import { createS3Storage } from './s3-storage.ts';

export interface SaveRequest {
  key: string;
  /** Verified bytes: the stream fails instead of ending on a mismatch. */
  body: Readable;
  contentType: string;
  /** Kept with the object where the store can (S3 user metadata). */
  metadata: Record<string, string>;
}

/**
 * Where verified media lands. A backend commits an object under its key
 * only when the body ended cleanly, and never replaces one: keys are
 * content-addressed, so an existing object already holds these bytes.
 */
export interface MediaStorage {
  /** `file:///abs/path` or `s3://bucket/key`. */
  uriOf(key: string): string;
  /** The stored object's size, or undefined when there is none. */
  sizeOf(key: string): Promise<number | undefined>;
  /** Resolves true when this call created the object. */
  save(request: SaveRequest): Promise<boolean>;
  /** Start-up housekeeping before the first save (e.g. dead temp files). */
  prepare?(): Promise<void>;
  close(): void;
}

/** The backend MEDIA_STORAGE names. */
export function createStorage(config: MediaFetcherConfig): MediaStorage {
  if (config.MEDIA_STORAGE === 's3') return createS3Storage(config);
  return createLocalStorage(config.MEDIA_DIR);
}
