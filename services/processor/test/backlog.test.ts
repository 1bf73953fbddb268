import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { topicNames, type SplitMessage } from '@wapipe/contracts';
import { createProducer, ensureTopics } from '@wapipe/kafka';
import { readTopics } from '@wapipe/testing';
import { buildProcessor, loadProcessorConfig } from '../src/index.ts';

// A processor that starts behind (after a deploy, a restart or a Redis
// outage) fetches a full MiB of one partition and writes it back larger:
// that produce must fit the topic, or the stage stalls for good.

const prefix = `backlog-${randomUUID().slice(0, 8)}.`;
const topics = topicNames(prefix);
const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');
const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });

function splitMessage(n: number): SplitMessage {
  return {
    version: 1,
    kind: 'message',
    webhookId: 'w'.repeat(64),
    receivedAt: new Date().toISOString(),
    wabaId: '100000000000001',
    entryTime: null,
    field: 'messages',
    phoneNumberId: '200000000000001',
    displayPhoneNumber: '15550000001',
    contact: { wa_id: '15551230001', profile: { name: 'Test User' } },
    message: {
      from: '15551230001',
      id: `wamid.${prefix}${n}`,
      timestamp: '1781000000',
      type: 'text',
      text: { body: `backlog message ${n} `.padEnd(300, '.') },
    },
  };
}

async function fillBacklog(count: number): Promise<void> {
  await ensureTopics(kafka, Object.values(topics), {
    partitions: 1,
    replicationFactor: 1,
  });
  const producer = createProducer(kafka, { idempotent: true });
  await producer.connect();
  for (let start = 0; start < count; start += 1_000) {
    const messages = Array.from({ length: 1_000 }, (_, i) => ({
      key: '200000000000001:15551230001',
      value: JSON.stringify(splitMessage(start + i)),
    }));
    await producer.send({ topic: topics.messages, acks: -1, messages });
  }
  await producer.disconnect();
}

describe('processor starting with a backlog on one partition', () => {
  it('works through it instead of stalling on an oversized produce', async () => {
    const count = 8_000; // about 5 MB of input on a single partition
    await fillBacklog(count);
    const processor = buildProcessor(
      loadProcessorConfig({
        KAFKA_BROKERS: brokers.join(','),
        REDIS_URL: process.env.REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        TOPIC_PREFIX: prefix,
        MANAGEMENT_PORT: '0',
        LOG_LEVEL: 'silent',
      }),
    );
    await processor.start();
    try {
      const records = await readTopics({
        brokers,
        topics: [topics.inboundMessages],
        until: (r) => r.length >= count,
        timeoutMs: 90_000,
      });
      expect(records.length).toBe(count);
    } finally {
      await processor.stop();
    }
  });
});
