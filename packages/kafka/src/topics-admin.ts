import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import type { KafkaEnv } from '@wapipe/config';
import { TOPIC_MAX_MESSAGE_BYTES } from '@wapipe/contracts';
import { isRetriableKafkaError } from './errors.ts';

interface TopicOptions {
  partitions: number;
  replicationFactor: number;
}

const ATTEMPTS = 8;
const BACKOFF_MS = 250;

/**
 * Creates the topics that do not exist yet; existing ones are left as they
 * are (partition counts are an operator's decision once data flows).
 * Retried while the broker says "try again": right after CreateTopics a
 * KRaft broker may not yet list the new topic in its metadata, and
 * kafkajs' wait for leaders gives up on that at once. Services starting
 * together on a loaded machine hit this.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  options: TopicOptions,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await createMissing(kafka, topics, options);
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetriableKafkaError(error)) throw error;
      await sleep(BACKOFF_MS * attempt);
    }
  }
}

async function createMissing(
  kafka: Kafka,
  topics: string[],
  options: TopicOptions,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.partitions,
        replicationFactor: options.replicationFactor,
        configEntries: [
          {
            name: 'max.message.bytes',
            value: String(TOPIC_MAX_MESSAGE_BYTES),
          },
        ],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** ensureTopics as configured: nothing when KAFKA_CREATE_TOPICS is off. */
export async function ensureConfiguredTopics(
  kafka: Kafka,
  env: Pick<
    KafkaEnv,
    | 'KAFKA_CREATE_TOPICS'
    | 'KAFKA_TOPIC_PARTITIONS'
    | 'KAFKA_REPLICATION_FACTOR'
  >,
  topics: string[],
): Promise<void> {
  if (!env.KAFKA_CREATE_TOPICS) return;
  await ensureTopics(kafka, topics, {
    partitions: env.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
  });
}
