import { Kafka, logLevel } from 'kafkajs';
import { topicNames, type TopicNames } from '@wapipe/contracts';
import { ensureTopics } from '@wapipe/kafka';

const PARTITIONS = 3;

/**
 * Creates every topic of a prefix up front. The services would create
 * their own, but four of them racing to create the shared ones (the DLQ)
 * only adds noise; afterwards they can all start at once.
 */
export async function createPipelineTopics(
  brokers: string[],
  prefix: string,
): Promise<TopicNames> {
  const topics = topicNames(prefix);
  await ensureTopics(adminClient(brokers), Object.values(topics), {
    partitions: PARTITIONS,
    replicationFactor: 1,
  });
  return topics;
}

/** Deletes a prefix's topics, so test runs do not pile up on the broker. */
export async function deletePipelineTopics(
  brokers: string[],
  prefix: string,
): Promise<void> {
  const admin = adminClient(brokers).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ours = Object.values(topicNames(prefix)).filter((t) =>
      existing.has(t),
    );
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
  } finally {
    await admin.disconnect();
  }
}

function adminClient(brokers: string[]): Kafka {
  return new Kafka({
    clientId: 'wapipe-system-tests',
    brokers,
    logLevel: logLevel.NOTHING,
  });
}
