import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { StageConsumer } from '@wapipe/kafka';

// The consume loop under every stage; here because this workspace runs
// against the local stack.
const kafka = new Kafka({
  clientId: 'stage-consumer-test',
  brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const topic = `test-stop-${randomUUID()}`;
afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe('StageConsumer.stop', () => {
  describe('while a batch is being handled', () => {
    it('lets it finish and commits it, so a restart does not redo it', async () => {
      await admin.connect();
      await admin.createTopics({
        topics: [{ topic, numPartitions: 1 }],
        waitForLeaders: true,
      });
      const producer = kafka.producer();
      await producer.connect();
      const messages = Array.from({ length: 10 }, (_, i) => ({
        value: String(i),
      }));
      await producer.send({ topic, messages });
      await producer.disconnect();

      let handled = 0;
      let inHandler!: () => void;
      const started = new Promise<void>((resolve) => (inHandler = resolve));
      const groupId = `${topic}-group`;
      const consumer = new StageConsumer({
        stage: 'test',
        kafka,
        logger: pino({ level: 'silent' }),
        groupId,
        topics: [topic],
        concurrency: 1,
        handleBatch: async (batch) => {
          inHandler();
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          handled += batch.messages.length;
        },
      });
      await consumer.start();
      await started;
      await consumer.stop();

      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(handled).toBe(10);
      const committed = offsets?.partitions.map((p) => [p.partition, p.offset]);
      expect(committed).toEqual([[0, '10']]);
    });
  });
});
