import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFanout, loadFanoutConfig } from '@wapipe/fanout';
import { buildIngress, loadIngressConfig } from '@wapipe/ingress';
import { buildProcessor, loadProcessorConfig } from '@wapipe/processor';
import { topicNames } from '@wapipe/contracts';
import { readTopics, restartRedis, type ReadRecord } from '@wapipe/testing';
import { connect } from 'node:net';
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

/** Resolves once nothing listens at the Redis address any more. */
async function redisDown(): Promise<void> {
  const { hostname, port } = new URL(env.REDIS_URL);
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), hostname);
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const allProcessed = (total: number) => (r: ReadRecord[]) =>
  new Set(
    wamids(
      r.filter((x) => x.topic === topics.inboundMessages).map((x) => x.value),
    ),
  ).size >= total;

describe('Redis restarted while traffic flows', () => {
  it('pauses, then processes everything, dead-letters nothing', async () => {
    const total = 300;
    const bodies = Array.from({ length: total }, (_, n) =>
      messageBody(prefix, n),
    );
    const webhook = `${url}/webhooks/whatsapp`;
    expect(
      (await sendAll(webhook, bodies.slice(0, 150), 4)).every((s) => s === 200),
    ).toBe(true);
    await readTopics({
      brokers,
      topics: [topics.inboundMessages],
      until: allProcessed(150),
      timeoutMs: 60_000,
    });

    // Redis goes away; the ingress and fan-out go on taking traffic.
    const restarted = restartRedis(5_000);
    await redisDown();
    const before = await processedCount();
    expect(
      (await sendAll(webhook, bodies.slice(150), 4)).every((s) => s === 200),
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 1_500));
    // Nothing may be published without its dedupe claim.
    expect(await processedCount()).toBe(before);
    await restarted;

    const records = await readTopics({
      brokers,
      topics: [topics.inboundMessages, topics.dlq],
      until: allProcessed(total),
      timeoutMs: 90_000,
      settleMs: 1_000,
    });
    expect(records.filter((r) => r.topic === topics.dlq)).toEqual([]);
    expect(new Set(wamids(records.map((r) => r.value))).size).toBe(total);
    const metrics = await processor.registry.metrics();
    const retries = /wapipe_processor_batch_retries_total\{[^}]*\} (\d+)/.exec(
      metrics,
    );
    expect(Number(retries?.[1])).toBeGreaterThan(0);
  });
});
