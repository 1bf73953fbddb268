import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { IHeaders } from 'kafkajs';

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads topics from the beginning with a throwaway group until `until`
 * holds for what was read or the timeout passes; returns what was read.
 * A polling helper for tests: no sleeps, no committed offsets left behind.
 */
export async function readTopics(options: {
  brokers: string[];
  topics: string[];
  until: (records: ReadRecord[]) => boolean;
  timeoutMs?: number;
  /** After `until` first holds, keep reading this long for stragglers. */
  settleMs?: number;
}): Promise<ReadRecord[]> {
  const kafka = new Kafka({
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const records: ReadRecord[] = [];
  await consumer.connect();
  try {
    for (const topic of options.topics) {
      await consumer.subscribe({ topic, fromBeginning: true });
    }
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? null,
          headers: textHeaders(message.headers),
        });
      },
    });
    await waitFor(() => options.until(records), options.timeoutMs ?? 30_000);
    if (options.settleMs)
      await new Promise((r) => setTimeout(r, options.settleMs));
    return records;
  } finally {
    await consumer.disconnect();
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first.toString();
  }
  return out;
}
