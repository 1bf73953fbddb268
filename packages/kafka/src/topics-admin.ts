import type { Kafka } from 'kafkajs';

/**
 * Creates the topics that do not exist yet; existing ones are left as they
 * are (partition counts are an operator's decision once data flows).
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  options: { partitions: number; replicationFactor: number },
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
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
