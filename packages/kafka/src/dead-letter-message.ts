import type { KafkaMessage, Message } from 'kafkajs';
import {
  DEAD_LETTER_VERSION,
  deadLetterPayload,
  type DeadLetterRecord,
  type PipelineStage,
} from '@wapipe/contracts';
import { HEADER, readHeader } from './headers.ts';

/** Why and where a stage gave up on one input. */
export interface DeadLetterCause {
  stage: PipelineStage;
  reason: string;
  detail: string;
  attempts: number;
}

/**
 * A DLQ record for an input record, keeping its bytes, its origin
 * (topic, partition, offset, key) and its trace and webhook headers.
 */
export function deadLetterMessage(
  cause: DeadLetterCause,
  origin: { topic: string; partition: number; message: KafkaMessage },
  payload: Buffer = origin.message.value ?? Buffer.alloc(0),
): Message {
  const { message } = origin;
  const record: DeadLetterRecord = {
    version: DEAD_LETTER_VERSION,
    ...cause,
    failedAt: new Date().toISOString(),
    webhookId: readHeader(message.headers, HEADER.webhookId) ?? null,
    origin: {
      topic: origin.topic,
      partition: origin.partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
    },
    payload: deadLetterPayload(payload),
  };
  return {
    key: message.key,
    value: JSON.stringify(record),
    headers: {
      ...message.headers,
      [HEADER.schemaVersion]: String(DEAD_LETTER_VERSION),
    },
  };
}
