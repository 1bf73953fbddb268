import type { KafkaMessage } from 'kafkajs';

/** A processed record, reduced to what the bench measures. */
export interface ProcessedSample {
  /** `m:<wamid>` or `s:<wamid>:<status>`: what dedupe keys on. */
  identity: string;
  receivedAt: number;
  processedAt: number;
}

/** A fan-out record: when fan-out handed it to Kafka. */
export interface FanoutSample {
  identity: string;
  /** The record's Kafka timestamp (CreateTime, set at produce). */
  producedAt: number;
}

interface ProcessedJson {
  kind?: string;
  wamid?: string;
  status?: string;
  receivedAt?: string;
  processedAt?: string;
}

interface FanoutJson {
  kind?: string;
  message?: { id?: string };
  status?: { id?: string; status?: string };
}

export function processedSample(
  message: KafkaMessage,
): ProcessedSample | undefined {
  if (!message.value) return undefined;
  const record = JSON.parse(message.value.toString('utf8')) as ProcessedJson;
  if (!record.receivedAt || !record.processedAt) return undefined;
  return {
    identity: identity(record.kind, record.wamid, record.status),
    receivedAt: Date.parse(record.receivedAt),
    processedAt: Date.parse(record.processedAt),
  };
}

export function fanoutSample(message: KafkaMessage): FanoutSample | undefined {
  if (!message.value) return undefined;
  const record = JSON.parse(message.value.toString('utf8')) as FanoutJson;
  const wamid =
    record.kind === 'status' ? record.status?.id : record.message?.id;
  return {
    identity: identity(record.kind, wamid, record.status?.status),
    producedAt: Number(message.timestamp),
  };
}

function identity(
  kind: string | undefined,
  wamid: string | undefined,
  status: string | undefined,
): string {
  return kind === 'status' ? `s:${wamid}:${status}` : `m:${wamid}`;
}
