import { Redis, Cluster } from 'ioredis';
import type { RedisEnv } from '@wapipe/config';

export type RedisClient = Redis | Cluster;

/**
 * Single node, Sentinel or Cluster, from REDIS_MODE. Commands queue while
 * disconnected and retry forever, so an outage stalls the processor (its
 * batch retries) rather than failing records. Auto-pipelining batches the
 * per-record commands of a batch into few round trips, per node.
 */
export function createRedis(env: RedisEnv): RedisClient {
  const common = {
    enableAutoPipelining: true,
    maxRetriesPerRequest: 2,
    retryStrategy: (times: number) => Math.min(times * 100, 2_000),
  };
  if (env.REDIS_MODE === 'cluster') {
    const seeds = env.REDIS_URL.split(',').map((url) => url.trim());
    return new Cluster(seeds, {
      enableAutoPipelining: true,
      redisOptions: common,
    });
  }
  if (env.REDIS_MODE === 'sentinel') {
    const sentinels = env.REDIS_URL.split(',').map(hostPort);
    return new Redis({ ...common, sentinels, name: env.REDIS_SENTINEL_NAME });
  }
  return new Redis(env.REDIS_URL, common);
}

function hostPort(seed: string): { host: string; port: number } {
  const url = new URL(seed.includes('://') ? seed : `redis://${seed}`);
  return { host: url.hostname, port: Number(url.port || 26379) };
}
