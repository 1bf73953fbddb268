import type { KafkaMessage } from 'kafkajs';
import { splitRecord, type SplitRecord } from '@wapipe/contracts';

export type ParsedInput =
  { ok: true; record: SplitRecord } | { ok: false; detail: string };

/** A fan-out record, or why it is not one. */
export function parseInput(message: KafkaMessage): ParsedInput {
  let json: unknown;
  try {
    json = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    return { ok: false, detail: 'record value is not JSON' };
  }
  const parsed = splitRecord.safeParse(json);
  if (!parsed.success)
    return { ok: false, detail: 'record is not a fan-out record' };
  return { ok: true, record: parsed.data };
}
