import type { Batch, KafkaMessage, Message, TopicMessages } from 'kafkajs';
import {
  SPLIT_RECORD_VERSION,
  webhookChangeRecord,
  type TopicNames,
} from '@wapipe/contracts';
import {
  HEADER,
  deadLetterMessage,
  sendInChunks,
  type BatchSender,
} from '@wapipe/kafka';
import type { FanoutMetrics } from './metrics.ts';
import {
  splitChange,
  type SplitReject,
  type SplitResult,
} from './split-change.ts';

/** Well under the topics' record-batch limit, whatever the key spread. */
const PRODUCE_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Splits every change of a batch and writes all outputs (and dead
 * letters) in one acks=all produce; resolves only once Kafka holds them.
 */
export async function fanoutBatch(
  batch: Batch,
  deps: { producer: BatchSender; topics: TopicNames; metrics: FanoutMetrics },
): Promise<void> {
  const out = new Outputs(deps.topics);
  for (const message of batch.messages) {
    const split = splitMessage(message);
    if ('invalid' in split) out.deadLetter(batch, message, split.invalid);
    else out.add(batch, message, split);
  }
  await sendInChunks(deps.producer, out.topicMessages(), PRODUCE_CHUNK_BYTES);
  out.count(deps.metrics);
}

function splitMessage(
  message: KafkaMessage,
): SplitResult | { invalid: string } {
  let json: unknown;
  try {
    json = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    return { invalid: 'record value is not JSON' };
  }
  const change = webhookChangeRecord.safeParse(json);
  if (!change.success) return { invalid: 'record is not a webhook change' };
  return splitChange(change.data);
}

class Outputs {
  private readonly byTopic = new Map<string, Message[]>();
  private readonly topics: TopicNames;
  private readonly counts = {
    message: 0,
    status: 0,
    error: 0,
    event: 0,
    dead_letter: 0,
  };

  constructor(topics: TopicNames) {
    this.topics = topics;
  }

  add(batch: Batch, source: KafkaMessage, split: SplitResult): void {
    const headers = {
      ...source.headers,
      [HEADER.schemaVersion]: String(SPLIT_RECORD_VERSION),
    };
    for (const output of split.outputs) {
      this.push(this.topics[output.topic], {
        key: output.key,
        value: JSON.stringify(output.record),
        headers,
      });
      this.counts[output.record.kind]++;
    }
    this.deadLetterRejects(batch, source, split.rejects);
  }

  // One dead letter per kind of reject in a change, holding every
  // rejected element: a body of 100,000 broken elements must not become
  // 100,000 records.
  private deadLetterRejects(
    batch: Batch,
    source: KafkaMessage,
    rejects: SplitReject[],
  ): void {
    const byReason = Map.groupBy(rejects, (reject) => reject.reason);
    for (const [reason, group] of byReason) {
      const elements = group.map((reject) => reject.element ?? null);
      const cause = {
        stage: 'fanout' as const,
        reason,
        detail: `${group.length} × ${group[0]?.detail ?? reason}`,
        attempts: 1,
      };
      const origin = {
        topic: batch.topic,
        partition: batch.partition,
        message: source,
      };
      const payload = Buffer.from(JSON.stringify(elements));
      this.push(this.topics.dlq, deadLetterMessage(cause, origin, payload));
      this.counts.dead_letter++;
    }
  }

  deadLetter(batch: Batch, source: KafkaMessage, detail: string): void {
    const cause = {
      stage: 'fanout' as const,
      reason: 'WAP_FANOUT_INVALID_RECORD',
      detail,
      attempts: 1,
    };
    this.push(
      this.topics.dlq,
      deadLetterMessage(cause, {
        topic: batch.topic,
        partition: batch.partition,
        message: source,
      }),
    );
    this.counts.dead_letter++;
  }

  topicMessages(): TopicMessages[] {
    return [...this.byTopic].map(([topic, messages]) => ({ topic, messages }));
  }

  count(metrics: FanoutMetrics): void {
    for (const [kind, n] of Object.entries(this.counts)) {
      if (n > 0) metrics.records.inc({ kind }, n);
    }
  }

  private push(topic: string, message: Message): void {
    const list = this.byTopic.get(topic) ?? [];
    list.push(message);
    this.byTopic.set(topic, list);
  }
}
