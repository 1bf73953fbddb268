import { Kafka, logLevel } from 'kafkajs';

/**
 * Whether a consumer group has committed up to the end of every
 * partition of a topic. The media fetcher commits a request only after
 * its output was acknowledged, so a caught-up group has nothing more on
 * its way.
 */
export async function groupCaughtUp(
  brokers: string[],
  groupId: string,
  topic: string,
): Promise<boolean> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    return ends.every((end) => {
      const at = committed?.partitions.find(
        (p) => p.partition === end.partition,
      )?.offset;
      // -1 (nothing committed) is caught up only on an empty partition.
      return end.high === end.low || BigInt(at ?? '-1') >= BigInt(end.high);
    });
  } finally {
    await admin.disconnect();
  }
}
