import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { benchKafka } from './bench-kafka.ts';

export interface TopicRead<T> {
  samples: T[];
  /** False when the timeout struck before every partition was read. */
  complete: boolean;
}

/**
 * Reads topics from the beginning up to the end they had when the read
 * began, keeping what `toSample` makes of each record. Meant for topics
 * nobody writes any more (the services were stopped).
 */
export async function readTopicSamples<T>(
  brokers: string[],
  topics: string[],
  toSample: (message: KafkaMessage) => T | undefined,
  timeoutMs = 120_000,
): Promise<TopicRead<T>> {
  const kafka = benchKafka(brokers);
  const remaining = await partitionEnds(kafka, topics);
  const samples: T[] = [];
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
              const sample = toSample(message);
              if (sample !== undefined) samples.push(sample);
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
        if (p.high !== p.low) {
          ends.set(`${topic}/${p.partition}`, BigInt(p.high));
        }
      }
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
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
