// The helpers failure tests build on: a stopped broker must really be gone
// and come back with its data; a restarted Redis must be a fresh process.
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kafkaAnswers } from './readiness.ts';
import { restartRedis, startKafka, stopKafka } from './stack.ts';
import { readState } from './state.ts';

const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');
const managed = readState().kafka?.origin !== 'env';

describe.runIf(managed)('stack failure helpers', () => {
  it('stops and restarts Kafka keeping its topics', async () => {
    const topic = `restart-${randomUUID()}`;
    const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
    await admin.disconnect();

    await stopKafka();
    expect(await kafkaAnswers(brokers)).toBe(false);
    await startKafka();
    expect(await kafkaAnswers(brokers)).toBe(true);

    const again = kafka.admin();
    await again.connect();
    expect(await again.listTopics()).toContain(topic);
    await again.disconnect();
  });

  it('restarts Redis on the same port with no data', async () => {
    const url = process.env.REDIS_URL ?? '';
    const before = readState().redis?.pid;
    const redis = new Redis(url, { lazyConnect: true });
    await redis.connect();
    await redis.set('stack-restart-probe', '1');
    redis.disconnect();

    await restartRedis();
    expect(readState().redis?.pid).not.toBe(before);
    const after = new Redis(url);
    try {
      expect(await after.get('stack-restart-probe')).toBeNull();
    } finally {
      after.disconnect();
    }
  });
});
