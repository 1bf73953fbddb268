import { Redis, Cluster } from 'ioredis';
import type { RedisEnv } from '@wapipe/config';

export type RedisClient = Redis | Cluster;

/**
 * An ioredis client for REDIS_MODE. Lazy: nothing connects until
 * `connect()`, so building the service opens no socket.
 */
export function createRedis(env: RedisEnv): RedisClient {
  if (env.REDIS_MODE === 'cluster') {
    return new Cluster(seeds(env.REDIS_URL), { lazyConnect: true });
  }
  if (env.REDIS_MODE === 'sentinel') {
    return new Redis({
      sentinels: seeds(env.REDIS_URL),
      name: env.REDIS_SENTINEL_NAME,
      lazyConnect: true,
    });
  }
  return new Redis(env.REDIS_URL, { lazyConnect: true });
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
  await client.quit().catch(() => client.disconnect());
}
