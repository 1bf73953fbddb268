import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { benchKafka } from './bench-kafka.ts';

/** One processed record, reduced to what the bench measures. */
export interface ProcessedSample {
  /** `m:<wamid>` or `s:<wamid>:<status>`: what dedupe keys on. */
  identity: string;
  receivedAt: number;
  processedAt: number;
}

export interface ProcessedRead {
  samples: ProcessedSample[];
  /** False when the timeout struck before every partition was read. */
  complete: boolean;
}

/**
 * Reads the processed topics from the beginning up to the end they had
 * when the read began. Meant for topics nobody writes any more (the
 * services were stopped), so the end is the end.
 */
export async function readProcessed(
  brokers: string[],
  topics: string[],
  timeoutMs = 120_000,
): Promise<ProcessedRead> {
  const kafka = benchKafka(brokers);
  const remaining = await partitionEnds(kafka, topics);
  const samples: ProcessedSample[] = [];
  const consumer = kafka.consumer({ groupId: `wapipe-bench-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    const finished = new Promise<void>((resolve, reject) => {
      if (remaining.size === 0) resolve();
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            for (const message of batch.messages) {
              const sample = sampleOf(message.value);
              if (sample) samples.push(sample);
            }
            const key = `${batch.topic}/${batch.partition}`;
            const end = remaining.get(key);
            if (end !== undefined && BigInt(batch.lastOffset()) + 1n >= end) {
              remaining.delete(key);
              if (remaining.size === 0) resolve();
            }
          },
        })
        .catch(reject);
    });
    const complete = await settlesWithin(finished, timeoutMs);
    return { samples, complete };
  } finally {
    await consumer.disconnect();
  }
}

/** `topic/partition` → high watermark, for partitions holding records. */
async function partitionEnds(
  kafka: Kafka,
  topics: string[],
): Promise<Map<string, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, bigint>();
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        if (p.high !== p.low)
          ends.set(`${topic}/${p.partition}`, BigInt(p.high));
      }
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

function sampleOf(value: Buffer | null): ProcessedSample | undefined {
  if (!value) return undefined;
  const record = JSON.parse(value.toString('utf8')) as {
    kind?: string;
    wamid?: string;
    status?: string;
    receivedAt?: string;
    processedAt?: string;
  };
  if (!record.receivedAt || !record.processedAt) return undefined;
  const identity =
    record.kind === 'status'
      ? `s:${record.wamid}:${record.status}`
      : `m:${record.wamid}`;
  return {
    identity,
    receivedAt: Date.parse(record.receivedAt),
    processedAt: Date.parse(record.processedAt),
  };
}

async function settlesWithin(
  promise: Promise<void>,
  timeoutMs: number,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
