import {
  WEBHOOK_CHANGE_VERSION,
  metaEnvelope,
  parseMetaJson,
  type MetaEnvelope,
  type WebhookChangeRecord,
} from '@wapipe/contracts';

export interface KeyedChange {
  /** phone_number_id of the change, or the WABA id when it has none. */
  key: string;
  record: WebhookChangeRecord;
}

export type SplitResult =
  | { ok: true; changes: KeyedChange[] }
  | { ok: false; reason: UnusableReason; detail: string };

export type UnusableReason =
  | 'WAP_INGRESS_NOT_UTF8'
  | 'WAP_INGRESS_NOT_JSON'
  | 'WAP_INGRESS_NOT_WHATSAPP'
  | 'WAP_INGRESS_NO_CHANGES';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns a verified body into one record per `entry[].changes[]`. A body
 * that is signed but unusable is reported, not thrown: the caller keeps
 * it raw, because a retry from Meta would carry the same bytes.
 */
export function splitChanges(
  rawBody: Buffer,
  meta: { webhookId: string; receivedAt: string },
): SplitResult {
  const parsed = parseBody(rawBody);
  if (!parsed.ok) return parsed;
  const changes = toRecords(parsed.envelope, meta);
  if (changes.length === 0) {
    return unusable('WAP_INGRESS_NO_CHANGES', 'body holds no changes');
  }
  return { ok: true, changes };
}

function parseBody(
  rawBody: Buffer,
): { ok: true; envelope: MetaEnvelope } | Extract<SplitResult, { ok: false }> {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return unusable('WAP_INGRESS_NOT_UTF8', 'body is not valid UTF-8');
  }
  let json: unknown;
  try {
    json = parseMetaJson(text);
  } catch {
    return unusable('WAP_INGRESS_NOT_JSON', 'body is not JSON');
  }
  const envelope = metaEnvelope.safeParse(json);
  if (!envelope.success) {
    return unusable(
      'WAP_INGRESS_NOT_WHATSAPP',
      envelopeProblem(envelope.error),
    );
  }
  return { ok: true, envelope: envelope.data };
}

function toRecords(
  envelope: MetaEnvelope,
  meta: { webhookId: string; receivedAt: string },
): KeyedChange[] {
  const changeCount = envelope.entry.reduce((n, e) => n + e.changes.length, 0);
  return envelope.entry.flatMap((entry, entryIndex) =>
    entry.changes.map((change, changeIndex) => ({
      key: phoneNumberIdOf(change.value) ?? entry.id,
      record: {
        version: WEBHOOK_CHANGE_VERSION,
        webhookId: meta.webhookId,
        receivedAt: meta.receivedAt,
        wabaId: entry.id,
        entryTime: entry.time ?? null,
        entryIndex,
        changeIndex,
        changeCount,
        field: change.field,
        value: change.value,
      },
    })),
  );
}

function phoneNumberIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const metadata = (value as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const id = (metadata as { phone_number_id?: unknown }).phone_number_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

// Only the path and kind of the first problem: the values are Meta's data.
function envelopeProblem(error: {
  issues: readonly { path: PropertyKey[]; code: string }[];
}): string {
  const first = error.issues[0];
  if (!first) return 'not a WhatsApp webhook envelope';
  return `envelope ${first.code} at ${first.path.map(String).join('.') || '(root)'}`;
}

function unusable(
  reason: UnusableReason,
  detail: string,
): Extract<SplitResult, { ok: false }> {
  return { ok: false, reason, detail };
}
