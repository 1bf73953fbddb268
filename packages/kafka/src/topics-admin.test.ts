import kafkajs, { type Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ensureTopics } from './topics-admin.ts';

const { KafkaJSProtocolError, KafkaJSNonRetriableError } = kafkajs;

const OPTIONS = { partitions: 3, replicationFactor: 1 };

// A broker whose CreateTopics succeeds but whose metadata does not name
// the new topics yet, as a KRaft broker answers for a moment after it.
function brokerWithLaggingMetadata(failures: Error[]) {
  const created = new Set<string>();
  const calls = { createTopics: 0 };
  const admin = {
    connect: () => Promise.resolve(),
    disconnect: () => Promise.resolve(),
    listTopics: () => Promise.resolve([...created]),
    createTopics: ({ topics }: { topics: { topic: string }[] }) => {
      calls.createTopics++;
      for (const { topic } of topics) created.add(topic);
      const failure = failures.shift();
      return failure ? Promise.reject(failure) : Promise.resolve(true);
    },
  };
  const kafka = { admin: () => admin } as unknown as Kafka;
  return { kafka, created, calls };
}

// What kafkajs throws for error code 3 (UNKNOWN_TOPIC_OR_PARTITION).
const unknownTopic = () =>
  new KafkaJSProtocolError(
    Object.assign(new Error('This server does not host this topic-partition'), {
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
      code: 3,
      retriable: true,
    }),
  );

describe('ensureTopics', () => {
  it('tries again when the new topics are not in the metadata yet', async () => {
    const broker = brokerWithLaggingMetadata([unknownTopic()]);
    await ensureTopics(broker.kafka, ['t.a', 't.b'], OPTIONS);
    expect([...broker.created].sort()).toEqual(['t.a', 't.b']);
    // The second pass lists them as existing and creates nothing.
    expect(broker.calls.createTopics).toBe(1);
  });

  it('gives up at once on an error no retry can cure', async () => {
    const refused = new KafkaJSNonRetriableError('invalid replication factor');
    const broker = brokerWithLaggingMetadata([refused]);
    await expect(ensureTopics(broker.kafka, ['t.a'], OPTIONS)).rejects.toBe(
      refused,
    );
    expect(broker.calls.createTopics).toBe(1);
  });
});
