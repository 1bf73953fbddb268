import {
  DEAD_LETTER_VERSION,
  MEDIA_RECORD_VERSION,
  deadLetterPayload,
  type DeadLetterRecord,
  type MediaRequestRecord,
  type MediaStoredRecord,
} from '@wapipe/contracts';
import type { MediaFetchError } from './errors.ts';
import type { StoredMedia } from './store-media.ts';

/** Where a consumed record came from, for dead letters. */
export interface Origin {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
}

export function storedRecordOf(
  request: MediaRequestRecord,
  stored: StoredMedia,
): MediaStoredRecord {
  return {
    version: MEDIA_RECORD_VERSION,
    webhookId: request.webhookId,
    storedAt: new Date().toISOString(),
    wabaId: request.wabaId,
    phoneNumberId: request.phoneNumberId,
    wamid: request.wamid,
    mediaId: request.mediaId,
    storageUri: stored.uri,
    storageKey: stored.key,
    sha256: stored.sha256Hex,
    size: stored.size,
    mimeType: stored.mimeType,
    extension: stored.extension,
    // Metadata only: never part of the key (shared/cases B20).
    filename: request.filename,
  };
}

export function deadLetterOf(
  origin: Origin,
  failure: { error: MediaFetchError; attempts: number },
  webhookId: string | null,
): DeadLetterRecord {
  return {
    version: DEAD_LETTER_VERSION,
    stage: 'media-fetcher',
    reason: failure.error.code,
    detail: failure.error.message,
    failedAt: new Date().toISOString(),
    attempts: failure.attempts,
    webhookId,
    origin: {
      topic: origin.topic,
      partition: origin.partition,
      offset: origin.offset,
      key: origin.key,
    },
    payload: deadLetterPayload(origin.value ?? Buffer.alloc(0)),
  };
}
