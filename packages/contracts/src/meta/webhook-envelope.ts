import { z } from 'zod';

// Meta schemas name only what we read and keep everything else
// (looseObject): Meta adds fields often and we must never drop them.

/** The value Meta sends for `object` on every WhatsApp webhook. */
export const WHATSAPP_OBJECT = 'whatsapp_business_account';

/** Graph ids arrive as strings, but a JSON number must not be refused. */
export const graphId = z.union([z.string(), z.number()]).transform(String);

export const metaChange = z.looseObject({
  field: z.string(),
  value: z.unknown(),
});

/** `time` is read when it is a number and ignored otherwise. */
export const metaEntry = z.looseObject({
  id: graphId,
  time: z.number().optional().catch(undefined),
  changes: z.array(z.unknown()),
});

/**
 * The outer shape only: entries and changes are checked one by one by the
 * reader, so one malformed sibling cannot take the others down with it.
 */
export const metaEnvelope = z.looseObject({
  object: z.literal(WHATSAPP_OBJECT),
  entry: z.array(z.unknown()),
});

export type MetaChange = z.infer<typeof metaChange>;
export type MetaEntry = z.infer<typeof metaEntry>;
export type MetaEnvelope = z.infer<typeof metaEnvelope>;
