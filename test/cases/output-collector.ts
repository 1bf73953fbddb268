import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer } from 'kafkajs';
import type { TopicKey, TopicNames } from '@wapipe/contracts';

/** The topics a case's outcome is read from. */
export const OUTPUT_TOPICS = [
  'inboundMessages',
  'messageStatuses',
  'accountEvents',
  'mediaStored',
  'dlq',
] as const satisfies readonly TopicKey[];

export type OutputTopic = (typeof OUTPUT_TOPICS)[number];

export interface CollectedRecord {
  topic: OutputTopic;
  partition: number;
  offset: string;
  /** Parsed JSON, or the text when it was not JSON. */
  value: unknown;
}

/**
 * Reads the output topics from the beginning, with a throwaway group,
 * for as long as the case runs; `records` grows as they arrive (in
 * offset order within a partition).
 */
export class OutputCollector {
  readonly records: CollectedRecord[] = [];
  private readonly consumer: Consumer;
  private readonly keyOf: Map<string, OutputTopic>;

  private constructor(brokers: string[], topics: TopicNames) {
    const kafka = new Kafka({
      clientId: 'wapipe-case-runner',
      brokers,
      logLevel: logLevel.NOTHING,
    });
    // Short fetch waits: records show up sooner and disconnect is quick.
    this.consumer = kafka.consumer({
      groupId: `case-reader-${randomUUID()}`,
      maxWaitTimeInMs: 100,
    });
    this.keyOf = new Map(OUTPUT_TOPICS.map((key) => [topics[key], key]));
  }

  static async start(
    brokers: string[],
    topics: TopicNames,
  ): Promise<OutputCollector> {
    const collector = new OutputCollector(brokers, topics);
    await collector.run();
    return collector;
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }

  private async run(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.keyOf.keys()],
      fromBeginning: true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: ({ topic, partition, message }) => {
        const key = this.keyOf.get(topic);
        if (key !== undefined) {
          this.records.push({
            topic: key,
            partition,
            offset: message.offset,
            value: parseValue(message.value),
          });
        }
        return Promise.resolve();
      },
    });
  }
}

function parseValue(value: Buffer | null): unknown {
  const text = value?.toString('utf8') ?? '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
