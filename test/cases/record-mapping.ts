import { createHash } from 'node:crypto';
import {
  accountTopicRecord,
  inboundMessageRecord,
  messageStatusRecord,
  type AccountTopicRecord,
  type InboundMessageRecord,
  type MessageStatusRecord,
  type ValueErrorRecord,
} from '@wapipe/contracts';

/**
 * A processed record under the names of FORMAT.md ("Logical record
 * fields"). `kind` is message, status, error or event.
 */
export type LogicalRecord = Record<string, unknown> & { kind: string };

/** The processed topics whose records are logical records. */
export type ProcessedTopic =
  'inboundMessages' | 'messageStatuses' | 'accountEvents';

export interface MappedRecord {
  record?: LogicalRecord;
  /** Set when the value breaks its topic's contract (zod schema). */
  contractIssue?: string;
}

const SCHEMAS = {
  inboundMessages: inboundMessageRecord,
  messageStatuses: messageStatusRecord,
  accountEvents: accountTopicRecord,
} as const;

/**
 * Maps one processed value. A value that breaks the contract is still
 * mapped as far as it goes, so the case can also say what else differed.
 */
export function mapProcessedRecord(
  topic: ProcessedTopic,
  value: unknown,
): MappedRecord {
  const parsed = SCHEMAS[topic].safeParse(value);
  const contractIssue = parsed.success
    ? undefined
    : `${topic} record breaks its schema at ${issuePaths(parsed.error.issues)}`;
  try {
    const record = mapValid(topic, parsed.success ? parsed.data : value);
    return contractIssue ? { record, contractIssue } : { record };
  } catch {
    return { contractIssue: contractIssue ?? `${topic} record unmappable` };
  }
}

function mapValid(topic: ProcessedTopic, value: unknown): LogicalRecord {
  switch (topic) {
    case 'inboundMessages':
      return messageFields(value as InboundMessageRecord);
    case 'messageStatuses':
      return statusFields(value as MessageStatusRecord);
    case 'accountEvents':
      return accountFields(value as AccountTopicRecord);
  }
}

/** FORMAT.md message fields (plus a few the schema makes free to add). */
export function messageFields(r: InboundMessageRecord): LogicalRecord {
  return {
    kind: 'message',
    wamid: r.wamid,
    waba_id: r.wabaId,
    phone_number_id: r.phoneNumberId,
    display_phone_number: r.displayPhoneNumber,
    from: r.from,
    from_user_id: r.fromUserId,
    group_id: r.groupId,
    type: r.type,
    timestamp: r.timestamp,
    contact_name: r.contact?.name ?? null,
    ...textFields(r.text),
    caption: r.caption,
    ...mediaFields(r.media),
    reaction_to: r.reaction?.messageId ?? null,
    emoji: r.reaction?.emoji ?? null,
    ...systemFields(r.system),
    ...interactiveFields(r.interactive),
    button_payload: r.button?.payload ?? null,
    button_text: r.button?.text ?? null,
    ...contextFields(r.context),
    ...referralFields(r.referral),
    latitude: r.location?.latitude ?? null,
    longitude: r.location?.longitude ?? null,
    error_codes: errorCodes(r.errors),
  };
}

/** FORMAT.md status fields; `current_status` feeds the status view. */
export function statusFields(r: MessageStatusRecord): LogicalRecord {
  return {
    kind: 'status',
    wamid: r.wamid,
    status: r.status,
    current_status: r.currentStatus,
    timestamp: r.timestamp,
    recipient_id: r.recipientId,
    recipient_user_id: r.recipientUserId,
    waba_id: r.wabaId,
    phone_number_id: r.phoneNumberId,
    error_codes: errorCodes(r.errors),
    error_title: r.errors?.[0]?.title ?? null,
  };
}

/** Value-level errors (`kind: error`) and other fields (`kind: event`). */
export function accountFields(r: AccountTopicRecord): LogicalRecord {
  if (r.kind === 'error') return valueErrorFields(r);
  return {
    kind: 'event',
    field: r.field,
    event: r.event,
    waba_id: r.wabaId,
    phone_number_id: r.phoneNumberId,
  };
}

function valueErrorFields(r: ValueErrorRecord): LogicalRecord {
  return {
    kind: 'error',
    waba_id: r.wabaId,
    phone_number_id: r.phoneNumberId,
    error_codes: [r.error.code],
    error_title: r.error.title,
  };
}

function textFields(text: string | null) {
  if (text === null || text === undefined) {
    return { text: null, text_length: null, text_sha256: null };
  }
  return {
    text,
    // Code points, not UTF-16 units: an astral emoji counts once.
    text_length: [...text].length,
    text_sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
  };
}

function mediaFields(media: InboundMessageRecord['media']) {
  return {
    media_id: media?.id ?? null,
    mime_type: media?.mimeType ?? null,
    voice: media?.voice ?? null,
    filename: media?.filename ?? null,
  };
}

function systemFields(system: InboundMessageRecord['system']) {
  return {
    system_type: system?.type ?? null,
    new_wa_id: system?.newWaId ?? null,
    new_user_id: system?.newUserId ?? null,
  };
}

function interactiveFields(interactive: InboundMessageRecord['interactive']) {
  return {
    interactive_type: interactive?.type ?? null,
    reply_id: interactive?.replyId ?? null,
    reply_title: interactive?.replyTitle ?? null,
    flow_response_json: interactive?.responseJson ?? null,
    flow_token: interactive?.flowToken ?? null,
  };
}

function contextFields(context: InboundMessageRecord['context']) {
  return {
    context_id: context?.id ?? null,
    context_from: context?.from ?? null,
    forwarded: context?.forwarded ?? null,
    frequently_forwarded: context?.frequentlyForwarded ?? null,
  };
}

function referralFields(referral: InboundMessageRecord['referral']) {
  return {
    referral_source_id: referral?.sourceId ?? null,
    referral_source_type: referral?.sourceType ?? null,
    referral_ctwa_clid: referral?.ctwaClid ?? null,
  };
}

function errorCodes(errors: { code: number | null }[] | undefined) {
  return (errors ?? []).map((error) => error.code);
}

function issuePaths(issues: { path: PropertyKey[] }[]): string {
  const paths = issues.map((issue) => issue.path.map(String).join('.'));
  return [...new Set(paths)].slice(0, 5).join(', ') || '(root)';
}
