import { z } from 'zod';

export const MEDIA_RECORD_VERSION = 1;

/** Ask the media fetcher to download one media object of a message. */
export const mediaRequestRecord = z.object({
  version: z.literal(MEDIA_RECORD_VERSION),
  webhookId: z.string(),
  receivedAt: z.iso.datetime(),
  wabaId: z.string(),
  phoneNumberId: z.string().nullable(),
  wamid: z.string(),
  messageType: z.string(),
  mediaId: z.string(),
  mimeType: z.string().nullable(),
  sha256: z.string().nullable().describe('base64 digest from the webhook'),
  url: z.string().nullable().describe('webhook download URL, if Meta sent one'),
  filename: z.string().nullable(),
});

/** Bytes stored and verified. */
export const mediaStoredRecord = z.object({
  version: z.literal(MEDIA_RECORD_VERSION),
  webhookId: z.string(),
  storedAt: z.iso.datetime(),
  wabaId: z.string(),
  phoneNumberId: z.string().nullable(),
  wamid: z.string(),
  mediaId: z.string(),
  storageUri: z.string(),
  storageKey: z.string(),
  sha256: z.string().describe('hex digest of the stored bytes'),
  size: z.number().int().min(0),
  mimeType: z.string(),
  extension: z.string(),
  filename: z.string().nullable(),
});

export type MediaRequestRecord = z.infer<typeof mediaRequestRecord>;
export type MediaStoredRecord = z.infer<typeof mediaStoredRecord>;
