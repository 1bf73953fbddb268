import { z } from 'zod';
import { contactSummary, errorDetail, provenance } from './processed-common.ts';

/** Delivery states in the order they can only move forward. */
export const STATUS_RANK: Readonly<Record<string, number>> = {
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
};

/**
 * One status of an outbound message, published once per (wamid, status
 * [, group participant]). `currentStatus` is the message's state after
 * this status was applied: a late `sent` still publishes, but the state
 * stays `read`.
 */
export const messageStatusRecord = z.object({
  ...provenance,
  kind: z.literal('status'),
  wamid: z.string(),
  status: z.string(),
  currentStatus: z.string(),
  timestamp: z.string().nullable(),
  recipientId: z.string().nullable(),
  recipientUserId: z.string().nullable(),
  recipientType: z.string().nullable(),
  participantId: z.string().nullable(),
  bizOpaqueCallbackData: z.string().nullable(),
  conversation: z.record(z.string(), z.unknown()).nullable(),
  pricing: z.record(z.string(), z.unknown()).nullable(),
  contact: contactSummary.nullable(),
  errors: z.array(errorDetail),
  original: z.record(z.string(), z.unknown()),
});

export type MessageStatusRecord = z.infer<typeof messageStatusRecord>;
