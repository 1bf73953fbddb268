import { Partitioners } from 'kafkajs';
import type { Kafka, Producer, RetryOptions } from 'kafkajs';

/**
 * Producers of the pipeline. Every send uses acks=all (the caller passes
 * `acks: -1`); one request in flight keeps per-partition order on retries.
 *
 * - `idempotent` (consumer stages): retries until the broker answers, so
 *   an outage pauses the stage, and a retried batch is never written
 *   twice, which keeps processed topics free of duplicates.
 * - bounded (ingress): a produce must fail within the HTTP answer deadline;
 *   a write that landed after we answered 503 is absorbed by dedupe.
 */
export function createProducer(
  kafka: Kafka,
  options: { idempotent: true } | { idempotent: false; retry: RetryOptions },
): Producer {
  return kafka.producer({
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // murmur2 keying, as the Java client: other producers of our topics
    // then place a conversation's key on the same partition.
    createPartitioner: Partitioners.DefaultPartitioner,
    ...options,
  });
}
