import { z } from 'zod';

export const DEAD_LETTER_VERSION = 1;

export const pipelineStage = z.enum([
  'ingress',
  'fanout',
  'processor',
  'media-fetcher',
]);

/**
 * What a stage gave up on. The payload is the input exactly as the stage
 * received it (UTF-8 when it was valid text, base64 otherwise), so a
 * dead letter can be replayed after the cause is fixed.
 */
export const deadLetterRecord = z.object({
  version: z.literal(DEAD_LETTER_VERSION),
  stage: pipelineStage,
  reason: z.string().describe('stable error code, e.g. WAP_INGRESS_UNPARSABLE'),
  detail: z.string().describe('human-readable cause, no personal data'),
  failedAt: z.iso.datetime(),
  attempts: z.number().int().min(0),
  webhookId: z.string().nullable(),
  origin: z
    .object({
      topic: z.string(),
      partition: z.number().int(),
      offset: z.string(),
      key: z.string().nullable(),
    })
    .nullable(),
  payload: z.object({
    encoding: z.enum(['utf8', 'base64']),
    data: z.string(),
  }),
});

export type PipelineStage = z.infer<typeof pipelineStage>;
export type DeadLetterRecord = z.infer<typeof deadLetterRecord>;

/** Encodes bytes for a dead letter: text stays readable, binary survives. */
export function deadLetterPayload(bytes: Buffer): DeadLetterRecord['payload'] {
  const text = bytes.toString('utf8');
  const roundTrips = Buffer.from(text, 'utf8').equals(bytes);
  return roundTrips
    ? { encoding: 'utf8', data: text }
    : { encoding: 'base64', data: bytes.toString('base64') };
}
