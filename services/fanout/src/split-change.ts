import {
  SPLIT_RECORD_VERSION,
  metaContact,
  metaMessagesValue,
  type MetaContact,
  type SplitRecord,
  type WebhookChangeRecord,
} from '@wapipe/contracts';
import { conversationKey } from './conversation-key.ts';
import { matchContact } from './match-contact.ts';

export type OutputTopic = 'messages' | 'statuses' | 'events';

export interface SplitOutput {
  topic: OutputTopic;
  key: string;
  record: SplitRecord;
}

/** An element that cannot become a record (e.g. a message without id). */
export interface SplitReject {
  reason: string;
  detail: string;
  element: unknown;
}

export interface SplitResult {
  outputs: SplitOutput[];
  rejects: SplitReject[];
}

type Context = Omit<Extract<SplitRecord, { kind: 'event' }>, 'kind' | 'value'>;

/**
 * One change → one record per message, status and value-level error; any
 * other field (or a messages change holding none of those) is one event,
 * kept whole. Unknown types, statuses and fields pass through untouched.
 */
export function splitChange(change: WebhookChangeRecord): SplitResult {
  if (change.field !== 'messages')
    return single(eventOf(change, contextOf(change, null)));
  const value = metaMessagesValue.safeParse(change.value);
  if (!value.success) return single(eventOf(change, contextOf(change, null)));

  const ctx = contextOf(change, value.data.metadata ?? null);
  const contacts = validContacts(listIn(value.data.contacts));
  const result: SplitResult = { outputs: [], rejects: [] };
  const { messages, statuses, errors } = value.data;
  for (const m of listOf(result, 'messages', messages))
    addMessage(result, ctx, contacts, m);
  for (const s of listOf(result, 'statuses', statuses))
    addStatus(result, ctx, contacts, s);
  for (const e of listOf(result, 'errors', errors)) addError(result, ctx, e);
  if (result.outputs.length === 0 && result.rejects.length === 0) {
    return single(eventOf(change, ctx));
  }
  return result;
}

function contextOf(
  change: WebhookChangeRecord,
  metadata: { phone_number_id?: string; display_phone_number?: string } | null,
): Context {
  return {
    version: SPLIT_RECORD_VERSION,
    webhookId: change.webhookId,
    receivedAt: change.receivedAt,
    wabaId: change.wabaId,
    entryTime: change.entryTime,
    field: change.field,
    phoneNumberId: metadata?.phone_number_id ?? null,
    displayPhoneNumber: metadata?.display_phone_number ?? null,
  };
}

function addMessage(
  result: SplitResult,
  ctx: Context,
  contacts: MetaContact[],
  element: unknown,
): void {
  if (!hasStrings(element, ['id', 'type'])) {
    result.rejects.push(
      reject(
        'WAP_FANOUT_MESSAGE_WITHOUT_ID',
        'message lacks id or type',
        element,
      ),
    );
    return;
  }
  const customer = { waId: element.from, userId: element.from_user_id };
  result.outputs.push({
    topic: 'messages',
    key: conversationKey(ctx.phoneNumberId, customer),
    record: {
      ...ctx,
      kind: 'message',
      contact: matchContact(contacts, customer),
      message: element,
    },
  });
}

function addStatus(
  result: SplitResult,
  ctx: Context,
  contacts: MetaContact[],
  element: unknown,
): void {
  if (!hasStrings(element, ['id', 'status'])) {
    result.rejects.push(
      reject(
        'WAP_FANOUT_STATUS_WITHOUT_ID',
        'status lacks id or status',
        element,
      ),
    );
    return;
  }
  const customer = {
    waId: element.recipient_id,
    userId: element.recipient_user_id,
  };
  result.outputs.push({
    topic: 'statuses',
    key: conversationKey(ctx.phoneNumberId, customer),
    record: {
      ...ctx,
      kind: 'status',
      contact: matchContact(contacts, customer),
      status: element,
    },
  });
}

function addError(result: SplitResult, ctx: Context, element: unknown): void {
  result.outputs.push({
    topic: 'events',
    key: ctx.phoneNumberId ?? ctx.wabaId,
    record: { ...ctx, kind: 'error', error: element },
  });
}

function eventOf(change: WebhookChangeRecord, ctx: Context): SplitOutput {
  return {
    topic: 'events',
    key: ctx.phoneNumberId ?? phoneNumberIdIn(change.value) ?? change.wabaId,
    record: { ...ctx, kind: 'event', value: change.value },
  };
}

// Meta sends arrays; anything else is kept in the DLQ, not read.
function listOf(result: SplitResult, name: string, value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  result.rejects.push(
    reject('WAP_FANOUT_NOT_AN_ARRAY', `${name} is not an array`, value),
  );
  return [];
}

function listIn(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function validContacts(contacts: unknown[] | undefined): MetaContact[] {
  return (contacts ?? []).flatMap((c) => {
    const parsed = metaContact.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
}

function hasStrings<K extends string>(
  value: unknown,
  keys: K[],
): value is Record<K, string> & Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return false;
  const record = value as Record<string, unknown>;
  return keys.every((k) => typeof record[k] === 'string' && record[k] !== '');
}

function phoneNumberIdIn(value: unknown): string | undefined {
  const metadata = (
    value as { metadata?: { phone_number_id?: unknown } } | null
  )?.metadata;
  const id = metadata?.phone_number_id;
  return typeof id === 'string' ? id : undefined;
}

function single(output: SplitOutput): SplitResult {
  return { outputs: [output], rejects: [] };
}

function reject(reason: string, detail: string, element: unknown): SplitReject {
  return { reason, detail, element };
}
