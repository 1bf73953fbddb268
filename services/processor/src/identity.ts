import { createHash } from 'node:crypto';
import type { SplitRecord } from '@wapipe/contracts';

/**
 * The Redis key that says "this was processed", per DESIGN: a message by
 * (phone number id, wamid), a status by (wamid, status[, participant]),
 * anything else by a hash of its content. The braces are Redis Cluster
 * hash tags: all keys of one wamid live on one shard.
 */
export function identityKey(prefix: string, record: SplitRecord): string {
  switch (record.kind) {
    case 'message':
      return `${prefix}:msg:{${record.phoneNumberId ?? ''}:${String(record.message.id)}}`;
    case 'status':
      return statusKey(prefix, record);
    case 'error':
      return `${prefix}:err:{${contentHash([record.phoneNumberId, record.wabaId, record.error])}}`;
    case 'event':
      return `${prefix}:ev:{${contentHash([record.field, record.wabaId, record.entryTime, record.value])}}`;
  }
}

/** The delivery-state key of the message a status belongs to. */
export function statusStateKey(
  prefix: string,
  wamid: string,
  participant: string | null,
): string {
  return `${prefix}:state:{${wamid}}${participant ? `:${participant}` : ''}`;
}

/** Group statuses are per participant (REFERENCE §5.13, both spellings). */
export function participantOf(status: Record<string, unknown>): string | null {
  const id = status.recipient_participant_id ?? status.participant_recipient_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function statusKey(
  prefix: string,
  record: Extract<SplitRecord, { kind: 'status' }>,
): string {
  const wamid = String(record.status.id);
  const participant = participantOf(record.status);
  const suffix = participant ? `:${participant}` : '';
  return `${prefix}:st:{${wamid}}:${String(record.status.status)}${suffix}`;
}

function contentHash(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
