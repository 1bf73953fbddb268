import { isUtf8 } from 'node:buffer';
import {
  WEBHOOK_CHANGE_VERSION,
  parseMetaJson,
  readChange,
  readEntry,
  readEnvelopeEntries,
  type MetaChange,
  type MetaEntry,
} from '@wapipe/contracts';

export interface KeyedChange {
  /** phone_number_id of the change, or the WABA id when it has none. */
  key: string;
  /** The serialised webhook-change record. */
  value: string;
}

export type SplitResult =
  | { ok: true; changes: KeyedChange[]; malformed: number }
  | { ok: false; reason: UnusableReason; detail: string };

export type UnusableReason =
  | 'WAP_INGRESS_NOT_UTF8'
  | 'WAP_INGRESS_NOT_JSON'
  | 'WAP_INGRESS_NOT_WHATSAPP'
  | 'WAP_INGRESS_NO_CHANGES'
  | 'WAP_INGRESS_TOO_DEEP';

interface Meta {
  webhookId: string;
  receivedAt: string;
}

/**
 * Turns a verified body into one record per `entry[].changes[]`. A body
 * that is signed but unusable is reported, not thrown: the caller keeps
 * it raw, because a retry from Meta would carry the same bytes. Entries
 * or changes that are malformed are counted, so the caller can keep the
 * raw body too while their well-formed siblings flow on.
 */
export function splitChanges(rawBody: Buffer, meta: Meta): SplitResult {
  const parsed = parseBody(rawBody);
  if (!parsed.ok) return parsed;
  const { changes, malformed } = collectChanges(parsed.entries);
  if (changes.length === 0) {
    return unusable('WAP_INGRESS_NO_CHANGES', 'body holds no usable change');
  }
  try {
    return { ok: true, changes: serialise(changes, meta), malformed };
  } catch {
    // JSON.parse accepts any depth; JSON.stringify overflows the stack.
    return unusable('WAP_INGRESS_TOO_DEEP', 'body nests too deeply');
  }
}

function parseBody(
  rawBody: Buffer,
): { ok: true; entries: unknown[] } | Extract<SplitResult, { ok: false }> {
  const text = decode(rawBody);
  if (text === undefined) {
    return unusable('WAP_INGRESS_NOT_UTF8', 'body is not valid UTF-8');
  }
  let json: unknown;
  try {
    json = parseMetaJson(text);
  } catch {
    return unusable('WAP_INGRESS_NOT_JSON', 'body is not JSON');
  }
  const entries = readEnvelopeEntries(json);
  if (!entries) {
    return unusable('WAP_INGRESS_NOT_WHATSAPP', 'not a WhatsApp webhook');
  }
  return { ok: true, entries };
}

// A byte-order mark is not JSON; a decoder would drop it, and so do we.
// toString throws past V8's longest string (BODY_LIMIT_BYTES above
// ~512 MiB): such a body is kept raw like any other it cannot read.
function decode(rawBody: Buffer): string | undefined {
  if (!isUtf8(rawBody)) return undefined;
  try {
    const text = rawBody.toString('utf8');
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

interface Located {
  entry: MetaEntry;
  change: MetaChange;
  entryIndex: number;
  changeIndex: number;
}

function collectChanges(entries: unknown[]) {
  const changes: Located[] = [];
  let malformed = 0;
  entries.forEach((raw, entryIndex) => {
    const entry = readEntry(raw);
    if (!entry) return void malformed++;
    entry.changes.forEach((rawChange, changeIndex) => {
      const change = readChange(rawChange);
      if (!change) return void malformed++;
      changes.push({ entry, change, entryIndex, changeIndex });
    });
  });
  return { changes, malformed };
}

function serialise(changes: Located[], meta: Meta): KeyedChange[] {
  return changes.map(({ entry, change, entryIndex, changeIndex }) => ({
    key: phoneNumberIdOf(change.value) ?? entry.id,
    value: JSON.stringify({
      version: WEBHOOK_CHANGE_VERSION,
      webhookId: meta.webhookId,
      receivedAt: meta.receivedAt,
      wabaId: entry.id,
      entryTime: entry.time ?? null,
      entryIndex,
      changeIndex,
      changeCount: changes.length,
      field: change.field,
      value: change.value,
    }),
  }));
}

function phoneNumberIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const metadata = (value as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const id = (metadata as { phone_number_id?: unknown }).phone_number_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function unusable(
  reason: UnusableReason,
  detail: string,
): Extract<SplitResult, { ok: false }> {
  return { ok: false, reason, detail };
}
