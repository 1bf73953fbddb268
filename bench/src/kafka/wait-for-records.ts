import { sleep } from '../sleep.ts';
import { sumOf, topicSizes } from './topic-sizes.ts';

/**
 * Polls until the topics hold `expected` records in all, or `timeoutMs`
 * passed; resolves with how many they held at the end.
 */
export async function waitForRecords(
  brokers: string[],
  topics: string[],
  expected: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const held = sumOf(await topicSizes(brokers, topics));
    if (held >= expected || Date.now() >= deadline) return held;
    await sleep(500);
  }
}
