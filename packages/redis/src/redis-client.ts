import { Cluster, Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { RedisEnv } from '@wapipe/config';
import type { Logger } from '@wapipe/telemetry';

export type RedisClient = Redis | Cluster;

/**
 * An ioredis client for REDIS_MODE (single node, Sentinel or Cluster).
 * Lazy: nothing connects until `connectRedis`, so building a service
 * opens no socket. A command fails after a few reconnect attempts, which
 * makes the caller's batch retry (the stage pauses) instead of queueing
 * without bound. Auto-pipelining groups a batch's commands per node.
 */
export function createRedis(env: RedisEnv, logger: Logger): RedisClient {
  const client = clientFor(env);
  // Without a listener ioredis prints every failed reconnect to stderr;
  // the failures that matter surface as command errors in the callers.
  client.on('error', (err: Error) => logger.debug({ err }, 'redis error'));
  return client;
}

function clientFor(env: RedisEnv): RedisClient {
  const options: RedisOptions = {
    lazyConnect: true,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 2,
    retryStrategy: (times: number) => Math.min(times * 100, 2_000),
  };
  if (env.REDIS_MODE === 'cluster') {
    return new Cluster(seeds(env.REDIS_URL), {
      lazyConnect: true,
      enableAutoPipelining: true,
      redisOptions: options,
    });
  }
  if (env.REDIS_MODE === 'sentinel') {
    const sentinels = seeds(env.REDIS_URL);
    return new Redis({ ...options, sentinels, name: env.REDIS_SENTINEL_NAME });
  }
  return new Redis(env.REDIS_URL, options);
}

/** `redis://h1:6379,h2:6379` or `h1:6379,h2:6379` → host/port pairs. */
function seeds(list: string): { host: string; port: number }[] {
  return list
    .split(',')
    .map((seed) => seed.trim())
    .filter((seed) => seed !== '')
    .map((seed) => {
      const url = new URL(seed.includes('://') ? seed : `redis://${seed}`);
      return { host: url.hostname, port: Number(url.port || 6379) };
    });
}

/** Opens the lazy client; the union's `connect` signatures do not unify. */
export async function connectRedis(client: RedisClient): Promise<void> {
  if (client instanceof Cluster) await client.connect();
  else await client.connect();
}

/** QUIT when connected (lets replies drain); otherwise just drop it. */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (client.status !== 'ready') return client.disconnect();
  await client.quit().then(
    () => undefined,
    () => client.disconnect(),
  );
}
