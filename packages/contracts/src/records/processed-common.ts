import { z } from 'zod';

/** Schema version of every processor output record. */
export const PROCESSED_VERSION = 1;

/** Where a processed record came from and when. */
export const provenance = {
  version: z.literal(PROCESSED_VERSION),
  webhookId: z.string(),
  receivedAt: z.iso.datetime().describe('ingress clock'),
  processedAt: z.iso.datetime(),
  wabaId: z.string(),
  phoneNumberId: z.string().nullable(),
  displayPhoneNumber: z.string().nullable(),
};

export const errorDetail = z.object({
  code: z.number().nullable(),
  title: z.string().nullable(),
  message: z.string().nullable(),
  details: z.string().nullable(),
  href: z.string().nullable(),
});

export const contactSummary = z.object({
  name: z.string().nullable(),
  username: z.string().nullable(),
  waId: z.string().nullable(),
  userId: z.string().nullable(),
});

export type ErrorDetail = z.infer<typeof errorDetail>;
export type ContactSummary = z.infer<typeof contactSummary>;
