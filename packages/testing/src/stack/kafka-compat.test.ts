// Proves the client the project uses (kafkajs 2.2.4) works against the Kafka
// 4.x broker the stack runs: KIP-896 removed many old protocol versions in
// 4.0, and kafkajs predates that release.
import { Redis } from 'ioredis';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { EachMessagePayload } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureStack } from './stack.ts';
import { readState } from './state.ts';

const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');
const kafka = new Kafka({
  clientId: 'compat-test',
  brokers,
  logLevel: logLevel.WARN,
});

describe('kafkajs 2.2.4 against the stack broker', () => {
  const topic = `compat-${randomUUID()}`;
  const groupId = `compat-group-${randomUUID()}`;
  const admin = kafka.admin();
  afterAll(() => admin.disconnect());

  it('creates a topic with the admin client', async () => {
    await admin.connect();
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);
    expect(await admin.listTopics()).toContain(topic);
  });

  it('produces idempotently with acks=all', async () => {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const messages = Array.from({ length: 10 }, (_, i) => ({
      key: `k${i % 3}`,
      value: `v${i}`,
    }));
    const result = await producer.send({ topic, acks: -1, messages });
    await producer.disconnect();
    expect(result.every((r) => r.errorCode === 0)).toBe(true);
  });

  it('consumes in a group, commits, and reads committed offsets back', async () => {
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ message, partition }: EachMessagePayload) => {
          seen.push(message.value?.toString() ?? '');
          const next = (BigInt(message.offset) + 1n).toString();
          await consumer.commitOffsets([{ topic, partition, offset: next }]);
          if (seen.length === 10) resolve();
        },
      });
    });
    await done;
    await consumer.disconnect();
    expect(seen.sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `v${i}`).sort(),
    );

    // Committed offset = next offset to read = the partition's high
    // watermark; an empty partition has no commit (-1) and watermark 0.
    const [fetched] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = (fetched?.partitions ?? [])
      .map((p) => [p.partition, Math.max(0, Number(p.offset))])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    const highs = (await admin.fetchTopicOffsets(topic))
      .map((p) => [p.partition, Number(p.high)])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(fetched?.topic).toBe(topic);
    expect(committed).toEqual(highs);
    expect(highs.reduce((n, [, high]) => n + Number(high), 0)).toBe(10);
  });
});

describe('redis', () => {
  it('answers PING', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? '');
    try {
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
    }
  });
});

describe('ensureStack', () => {
  it('returns the same endpoints twice and starts nothing new', async () => {
    const before = readState();
    // Drop the env the global setup exported when it points at our own
    // managed stack, so this exercises the pid-file reuse path.
    const managed =
      before.kafka?.origin !== 'env' && before.redis?.origin !== 'env';
    const env = managed ? {} : process.env;
    const first = await ensureStack({ env });
    const second = await ensureStack({ env });
    expect(second).toEqual(first);
    expect(first.kafkaBrokers).toEqual(brokers);
    const after = readState();
    expect(after.kafka?.pid).toBe(before.kafka?.pid);
    expect(after.kafka?.containerId).toBe(before.kafka?.containerId);
    expect(after.redis?.pid).toBe(before.redis?.pid);
  });
});
