import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { deletePipelineTopics } from '../pipeline/pipeline-topics.ts';

/** What isolates one run from every other: topics, Redis keys, files. */
export interface RunNamespace {
  topicPrefix: string;
  redisKeyPrefix: string;
  mediaDir: string;
}

/** A fresh namespace named after the case, so leftovers are traceable. */
export function freshNamespace(caseId: string): RunNamespace {
  const id = caseId.replace(/[^A-Za-z0-9_-]/g, '_');
  const tag = `${id}-${randomBytes(4).toString('hex')}`;
  return {
    topicPrefix: `cases.${tag}.`,
    redisKeyPrefix: `cases-${tag}`,
    mediaDir: join(tmpdir(), 'wapipe-cases', tag),
  };
}

/**
 * Removes a run's topics, Redis keys and media files. The keys live for
 * days (Meta's retry horizon) and every run makes new topics, so without
 * this a busy machine's broker and Redis would only grow.
 */
export async function removeNamespace(
  namespace: RunNamespace,
  stack: { kafkaBrokers: string[]; redisUrl: string },
): Promise<void> {
  await Promise.all([
    deletePipelineTopics(stack.kafkaBrokers, namespace.topicPrefix),
    deleteKeys(stack.redisUrl, namespace.redisKeyPrefix),
    rm(namespace.mediaDir, { recursive: true, force: true }),
  ]);
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  // Failures surface through the rejected promises; no stray log lines.
  redis.on('error', () => undefined);
  await redis.connect();
  try {
    // Matched anywhere: a key may put the prefix inside a {hash tag}.
    const stream = redis.scanStream({ match: `*${prefix}*`, count: 500 });
    for await (const keys of stream) {
      const batch = keys as string[];
      if (batch.length > 0) await redis.unlink(...batch);
    }
  } finally {
    redis.disconnect();
  }
}
