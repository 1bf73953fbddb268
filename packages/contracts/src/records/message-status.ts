import { z } from 'zod';
import { contactSummary, errorDetail, provenance } from './processed-common.ts';

/** Delivery states in the order they can only move forward. */
export const STATUS_RANK = {
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
} as const;

/**
 * The rank of a status Meta sent, 0 for one we do not rank. Own keys
 * only: `constructor` or `__proto__` must not find Object.prototype.
 */
export function statusRank(status: string): number {
  return Object.hasOwn(STATUS_RANK, status)
    ? STATUS_RANK[status as keyof typeof STATUS_RANK]
    : 0;
}

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
