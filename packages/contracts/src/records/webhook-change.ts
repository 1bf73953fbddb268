import { z } from 'zod';

/** Schema version of records on `whatsapp.webhooks.v1`. */
export const WEBHOOK_CHANGE_VERSION = 1;

/**
 * One `entry[].changes[]` of a verified webhook, as the ingress wrote it.
 * `value` is Meta's object untouched; the position fields let a consumer
 * reassemble the original body from the records sharing a `webhookId`.
 */
export const webhookChangeRecord = z.object({
  version: z.literal(WEBHOOK_CHANGE_VERSION),
  webhookId: z.string().describe('SHA-256 hex of the raw request body'),
  receivedAt: z.iso.datetime(),
  wabaId: z.string(),
  entryTime: z.number().nullable(),
  entryIndex: z.number().int().min(0),
  changeIndex: z.number().int().min(0),
  changeCount: z
    .number()
    .int()
    .min(1)
    .describe('well-formed changes of the body, all written here'),
  field: z.string(),
  value: z.unknown(),
});

export type WebhookChangeRecord = z.infer<typeof webhookChangeRecord>;
