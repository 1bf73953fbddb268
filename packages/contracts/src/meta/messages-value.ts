import { z } from 'zod';

// The `value` of a `field: "messages"` change (REFERENCE §2.6). Every key
// but the discriminators is optional: Meta omits `from`, `wa_id`, profile
// names and even payload objects in documented cases.

export const metaError = z.looseObject({
  code: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  details: z.string().optional(),
  href: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});

export const metaContact = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  profile: z
    .looseObject({
      name: z.string().optional(),
      username: z.string().optional(),
    })
    .optional(),
});

export const metaMessage = z.looseObject({
  id: z.string(),
  type: z.string(),
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  timestamp: z.string().optional(),
  errors: z.array(metaError).optional(),
});

export const metaStatus = z.looseObject({
  id: z.string(),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  recipient_participant_id: z.string().optional(),
  participant_recipient_id: z.string().optional(),
  errors: z.array(metaError).optional(),
});

/** A Graph id that Meta sends as a string, read from a number too. */
const idText = z
  .unknown()
  .transform((v) =>
    typeof v === 'string' || typeof v === 'number' ? String(v) : undefined,
  );

// Every part is read leniently and checked one by one by the reader: one
// odd contact, message or metadata field must not make the whole change
// unreadable.
export const metaMessagesValue = z.looseObject({
  messaging_product: z.unknown().optional(),
  metadata: z
    .looseObject({
      phone_number_id: idText.optional(),
      display_phone_number: idText.optional(),
    })
    .optional()
    .catch(undefined),
  contacts: z.unknown().optional(),
  messages: z.unknown().optional(),
  statuses: z.unknown().optional(),
  errors: z.unknown().optional(),
});

export type MetaError = z.infer<typeof metaError>;
export type MetaContact = z.infer<typeof metaContact>;
export type MetaMessage = z.infer<typeof metaMessage>;
export type MetaStatus = z.infer<typeof metaStatus>;
export type MetaMessagesValue = z.infer<typeof metaMessagesValue>;
