import { z } from 'zod';
import { errorDetail, provenance } from './processed-common.ts';

/**
 * A change whose field is not `messages` (template, account, quality,
 * flows and every field Meta adds later), once per content hash.
 */
export const accountEventRecord = z.object({
  ...provenance,
  kind: z.literal('event'),
  field: z.string(),
  event: z.string().nullable().describe('value.event when Meta sends one'),
  entryTime: z.number().nullable(),
  value: z.unknown(),
});

/** A value-level error of a messages change (REFERENCE §8). */
export const valueErrorRecord = z.object({
  ...provenance,
  kind: z.literal('error'),
  error: errorDetail,
  original: z.unknown(),
});

export const accountTopicRecord = z.discriminatedUnion('kind', [
  accountEventRecord,
  valueErrorRecord,
]);

export type AccountEventRecord = z.infer<typeof accountEventRecord>;
export type ValueErrorRecord = z.infer<typeof valueErrorRecord>;
export type AccountTopicRecord = z.infer<typeof accountTopicRecord>;
