import type { Admin } from 'kafkajs';
import { benchKafka } from './bench-kafka.ts';

/**
 * Records per topic (high minus low watermark, summed over partitions);
 * 0 for a topic that does not exist. Exact for our producers, which write
 * no transaction markers.
 */
export async function topicSizes(
  brokers: string[],
  topics: string[],
): Promise<Record<string, number>> {
  const admin = benchKafka(brokers).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const sizes: Record<string, number> = {};
    for (const topic of topics) {
      sizes[topic] = existing.has(topic) ? await sizeOf(admin, topic) : 0;
    }
    return sizes;
  } finally {
    await admin.disconnect();
  }
}

async function sizeOf(admin: Admin, topic: string): Promise<number> {
  const partitions = await admin.fetchTopicOffsets(topic);
  return partitions.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}

export function sumOf(sizes: Record<string, number>): number {
  return Object.values(sizes).reduce((n, size) => n + size, 0);
}
