import { z } from 'zod';
import { metaContact } from '../meta/messages-value.ts';

/** Schema version of records on the fan-out topics. */
export const SPLIT_RECORD_VERSION = 1;

// Context every fan-out record carries, so it can be handled without the
// batch it came in.
const splitContext = {
  version: z.literal(SPLIT_RECORD_VERSION),
  webhookId: z.string(),
  receivedAt: z.iso.datetime(),
  wabaId: z.string(),
  entryTime: z.number().nullable(),
  field: z.string(),
  phoneNumberId: z.string().nullable(),
  displayPhoneNumber: z.string().nullable(),
};

/**
 * Meta's object, checked to be one and passed through as the very same
 * value: a copy would lose keys such as an own `__proto__`.
 */
const metaObject = z.custom<Record<string, unknown>>(
  (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value),
  'expected an object',
);

export const splitMessage = z.object({
  ...splitContext,
  kind: z.literal('message'),
  contact: metaContact.nullable(),
  message: metaObject,
});

export const splitStatus = z.object({
  ...splitContext,
  kind: z.literal('status'),
  contact: metaContact.nullable(),
  status: metaObject,
});

/** One element of a messages change's value-level `errors[]`. */
export const splitError = z.object({
  ...splitContext,
  kind: z.literal('error'),
  error: z.unknown(),
});

/** A change whose field is not `messages`: kept whole, never interpreted. */
export const splitEvent = z.object({
  ...splitContext,
  kind: z.literal('event'),
  value: z.unknown(),
});

export const splitRecord = z.discriminatedUnion('kind', [
  splitMessage,
  splitStatus,
  splitError,
  splitEvent,
]);

export type SplitMessage = z.infer<typeof splitMessage>;
export type SplitStatus = z.infer<typeof splitStatus>;
export type SplitError = z.infer<typeof splitError>;
export type SplitEvent = z.infer<typeof splitEvent>;
export type SplitRecord = z.infer<typeof splitRecord>;
