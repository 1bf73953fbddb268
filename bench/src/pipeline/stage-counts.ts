import type { TopicNames } from '@wapipe/contracts';
import { sumOf, topicSizes } from '../kafka/topic-sizes.ts';

/** The topics each stage writes that this bench's bodies reach. */
export function stageTopics(topics: TopicNames): Record<string, string[]> {
  return {
    'ingress -> webhooks': [topics.webhooks],
    'fan-out -> messages + statuses': [topics.messages, topics.statuses],
    'processor -> processed': [topics.inboundMessages, topics.messageStatuses],
  };
}

/** Records each stage has written so far. */
export async function countStages(
  brokers: string[],
  stages: Record<string, string[]>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [stage, topics] of Object.entries(stages)) {
    counts[stage] = sumOf(await topicSizes(brokers, topics));
  }
  return counts;
}

/** Records per second each stage wrote between two counts. */
export function stageRates(
  before: Record<string, number>,
  after: Record<string, number>,
  seconds: number,
): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const stage of Object.keys(after)) {
    rates[stage] = ((after[stage] ?? 0) - (before[stage] ?? 0)) / seconds;
  }
  return rates;
}
