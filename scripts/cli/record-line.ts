import type { TopicKey } from '../../packages/contracts/src/index.ts';
import {
  mapProcessedRecord,
  type LogicalRecord,
} from '../../test/cases/record-mapping.ts';

type Fields = Record<string, unknown>;

/** One readable line per record of a topic, for `wapipe tail`. */
export function recordLine(
  topic: TopicKey,
  value: unknown,
  at: { partition: number; offset: string },
): string {
  const where = `p${at.partition}@${at.offset}`;
  const fields = (value ?? {}) as Fields;
  return `${clock(fields)} ${where.padEnd(8)} ${describe(topic, fields)}`;
}

function describe(topic: TopicKey, value: Fields): string {
  switch (topic) {
    case 'inboundMessages':
    case 'messageStatuses':
    case 'accountEvents':
      return logical(mapProcessedRecord(topic, value).record);
    case 'mediaStored':
      return `media ${str(value.mediaId)} of ${str(value.wamid)}: ${str(value.size)} B ${str(value.mimeType)} → ${str(value.storageUri)}`;
    case 'dlq':
      return `dead letter ${str(value.stage)}/${str(value.reason)}: ${str(value.detail)}`;
    default:
      return clip(JSON.stringify(value), 160);
  }
}

function logical(record: LogicalRecord | undefined): string {
  if (!record) return '(record breaks its schema)';
  if (record.kind === 'message') return message(record);
  if (record.kind === 'status') {
    const now =
      record.current_status === record.status
        ? ''
        : ` (now ${str(record.current_status)})`;
    return `status ${str(record.wamid)} ${str(record.status)}${now} to ${str(record.recipient_id)}`;
  }
  if (record.kind === 'error')
    return `error ${JSON.stringify(record.error_codes)} ${str(record.error_title)}`;
  return `event ${str(record.field)} ${str(record.event)} waba ${str(record.waba_id)}`;
}

function message(r: LogicalRecord): string {
  const content =
    r.text ??
    r.caption ??
    r.emoji ??
    r.reply_title ??
    r.button_text ??
    r.media_id;
  const said =
    content === null ? '' : ` ${JSON.stringify(clip(str(content), 60))}`;
  return `message ${str(r.wamid)} ${str(r.type)} from ${str(r.from ?? r.from_user_id)}${said}`;
}

function clock(value: Fields): string {
  const at =
    value.processedAt ?? value.storedAt ?? value.failedAt ?? value.receivedAt;
  const time = typeof at === 'string' ? at.slice(11, 23) : '';
  return time.padEnd(12);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
