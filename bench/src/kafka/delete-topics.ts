import { benchKafka } from './bench-kafka.ts';

/**
 * Deletes every topic whose name starts with `prefix`, once a phase has
 * been read. Each phase makes a dozen topics of its own; left behind,
 * thousands of partitions piled up on the local broker and each run
 * measured a slower Kafka than the one before.
 */
export async function deleteTopicsWithPrefix(
  brokers: string[],
  prefix: string,
): Promise<void> {
  const admin = benchKafka(brokers).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) =>
      t.startsWith(prefix),
    );
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
