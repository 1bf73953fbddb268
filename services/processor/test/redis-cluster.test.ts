import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, createRedis, type RedisClient } from '@wapipe/redis';
import { startRedisCluster, type RedisCluster } from '@wapipe/testing';
import { DedupeStore } from '../src/dedupe-store.ts';
import { StatusState } from '../src/status-state.ts';

// REDIS_MODE=cluster: a batch's keys live on every node, and a script's
// keys must share one, so the stores fall back to one key per call.
let cluster: RedisCluster;
let redis: RedisClient;

beforeAll(async () => {
  cluster = await startRedisCluster();
  redis = createRedis(
    {
      REDIS_MODE: 'cluster',
      REDIS_URL: cluster.seeds,
      REDIS_SENTINEL_NAME: '',
      REDIS_KEY_PREFIX: 't',
    },
    pino({ level: 'silent' }),
  );
  await connectRedis(redis);
}, 60_000);
afterAll(async () => {
  redis.disconnect();
  await cluster.stop();
});

const keys = (n: number) => {
  const run = randomUUID();
  return Array.from({ length: n }, (_, i) => `t:${run}:msg:{1:wamid.${i}}`);
};

describe('the processor stores on a Redis Cluster', () => {
  it('claims a batch spread over every node, in order', async () => {
    const store = new DedupeStore(redis, {
      leaseMs: 5_000,
      doneTtlSeconds: 60,
    });
    const batch = keys(60);
    const results = await store.claimAll([...batch, batch[0] as string], 't');
    expect(results.slice(0, 60).every((r) => r === 'claimed')).toBe(true);
    expect(results[60]).toBe('duplicate');
    await store.markAllDone(batch, 't');
    expect(await store.claimAll(batch, 'u')).toEqual(
      batch.map(() => 'duplicate'),
    );
  });

  it('moves the status states of a batch, in order', async () => {
    const state = new StatusState(redis, 60);
    const [a, b] = keys(2) as [string, string];
    const updates = [
      { key: a, status: 'read' },
      { key: b, status: 'delivered' },
      { key: a, status: 'sent' },
    ];
    expect(await state.applyAll(updates)).toEqual([
      'read',
      'delivered',
      'read',
    ]);
  });
});
