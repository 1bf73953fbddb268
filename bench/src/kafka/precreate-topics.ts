import { benchKafka } from './bench-kafka.ts';

/**
 * Creates topics before the services do, with a larger per-topic
 * `max.message.bytes`. The services' ensureTopics then leaves them as
 * they are. Used only to measure past a stage whose produce batches
 * outgrow the broker's default limit (see the bench README).
 */
export async function precreateTopics(
  brokers: string[],
  topics: string[],
  options: { partitions: number; maxMessageBytes: number },
): Promise<void> {
  const admin = benchKafka(brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({
        topic,
        numPartitions: options.partitions,
        replicationFactor: 1,
        configEntries: [
          { name: 'max.message.bytes', value: String(options.maxMessageBytes) },
        ],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
