import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFanout, loadFanoutConfig } from '@wapipe/fanout';
import { buildIngress, loadIngressConfig } from '@wapipe/ingress';
import { buildProcessor, loadProcessorConfig } from '@wapipe/processor';
import { topicNames } from '@wapipe/contracts';
import { readTopics, restartRedis } from '@wapipe/testing';
import { messageBody, runEnv, sendAll, wamids } from './traffic.ts';

const prefix = `redis-${randomUUID().slice(0, 8)}.`;
const env = runEnv(prefix, {
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
});
const ingress = buildIngress(loadIngressConfig(env));
const fanout = buildFanout(loadFanoutConfig(env));
const processor = buildProcessor(loadProcessorConfig(env));
const topics = topicNames(prefix);
const brokers = env.KAFKA_BROKERS.split(',');
let url = '';

beforeAll(async () => {
  ({ url } = await ingress.start());
  await Promise.all([fanout.start(), processor.start()]);
});
afterAll(async () => {
  await ingress.stop();
  await Promise.all([fanout.stop(), processor.stop()]);
});

async function processedCount(): Promise<number> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topics.inboundMessages);
  await admin.disconnect();
  return offsets.reduce((n, p) => n + Number(p.high), 0);
}

describe('Redis restarted while traffic flows', () => {
  it('pauses, then processes everything, dead-letters nothing', async () => {
    const total = 300;
    const bodies = Array.from({ length: total }, (_, n) =>
      messageBody(prefix, n),
    );
    const sending = sendAll(`${url}/webhooks/whatsapp`, bodies, 4);
    await readTopics({
      brokers,
      topics: [topics.inboundMessages],
      until: (r) => r.length >= 30,
      timeoutMs: 60_000,
    });
    const before = await processedCount();
    const restarted = restartRedis(4_000);
    await new Promise((r) => setTimeout(r, 3_000));
    // While Redis is down nothing may be published without its dedupe mark.
    const whileDown = await processedCount();
    await restarted;
    expect(whileDown - before).toBeLessThan(30);

    expect((await sending).every((s) => s === 200)).toBe(true);
    const records = await readTopics({
      brokers,
      topics: [topics.inboundMessages, topics.dlq],
      until: (r) =>
        new Set(
          wamids(
            r
              .filter((x) => x.topic === topics.inboundMessages)
              .map((x) => x.value),
          ),
        ).size >= total,
      timeoutMs: 90_000,
      settleMs: 1_000,
    });
    expect(records.filter((r) => r.topic === topics.dlq)).toEqual([]);
    const ids = wamids(records.map((r) => r.value));
    expect(new Set(ids).size).toBe(total);
    const metrics = await processor.registry.metrics();
    const retries = /wapipe_processor_batch_retries_total\{[^}]*\} (\d+)/.exec(
      metrics,
    );
    expect(Number(retries?.[1])).toBeGreaterThan(0);
  });
});
