import { z } from 'zod';
import { contactSummary, errorDetail, provenance } from './processed-common.ts';

const media = z.object({
  id: z.string().nullable(),
  mimeType: z.string().nullable(),
  sha256: z.string().nullable().describe('base64, as Meta announced it'),
  url: z.string().nullable(),
  filename: z.string().nullable().describe('sender-chosen; metadata only'),
  voice: z.boolean().nullable(),
  animated: z.boolean().nullable(),
});

const interactive = z.object({
  type: z.string().nullable(),
  replyId: z.string().nullable(),
  replyTitle: z.string().nullable(),
  replyDescription: z.string().nullable(),
  /** nfm_reply: the Flow answer exactly as Meta sent it (a JSON string). */
  responseJson: z.string().nullable(),
  responseName: z.string().nullable(),
  flowToken: z.string().nullable(),
});

const context = z.object({
  id: z.string().nullable(),
  from: z.string().nullable(),
  forwarded: z.boolean(),
  frequentlyForwarded: z.boolean(),
  referredProduct: z
    .object({
      catalogId: z.string().nullable(),
      productRetailerId: z.string().nullable(),
    })
    .nullable(),
});

const referral = z.object({
  sourceId: z.string().nullable(),
  sourceType: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  headline: z.string().nullable(),
  body: z.string().nullable(),
  mediaType: z.string().nullable(),
  ctwaClid: z.string().nullable(),
});

const location = z.object({
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  name: z.string().nullable(),
  address: z.string().nullable(),
  url: z.string().nullable(),
});

const system = z.object({
  type: z.string().nullable(),
  body: z.string().nullable(),
  /** The user's new phone number (user_changed_number) or legacy new_wa_id. */
  newWaId: z.string().nullable(),
  /** The user's new BSUID (user_changed_user_id). */
  newUserId: z.string().nullable(),
});

/**
 * An inbound user message, once per (phone number id, wamid). Unknown
 * types keep `type` as sent and every type keeps `original` untouched.
 */
export const inboundMessageRecord = z.object({
  ...provenance,
  kind: z.literal('message'),
  wamid: z.string(),
  type: z.string(),
  timestamp: z.string().nullable().describe('Unix seconds, as Meta sent it'),
  from: z.string().nullable().describe('absent for username-only users'),
  fromUserId: z.string().nullable().describe('business-scoped user id'),
  groupId: z.string().nullable(),
  contact: contactSummary.nullable(),
  text: z.string().nullable().describe('text body, decoded'),
  caption: z.string().nullable(),
  media: media.nullable(),
  reaction: z
    .object({
      messageId: z.string().nullable(),
      emoji: z
        .string()
        .nullable()
        .describe('null when the reaction is removed'),
    })
    .nullable(),
  interactive: interactive.nullable(),
  button: z
    .object({ payload: z.string().nullable(), text: z.string().nullable() })
    .nullable(),
  location: location.nullable(),
  system: system.nullable(),
  context: context.nullable(),
  referral: referral.nullable(),
  errors: z.array(errorDetail),
  original: z.record(z.string(), z.unknown()),
});

export type InboundMessageRecord = z.infer<typeof inboundMessageRecord>;
