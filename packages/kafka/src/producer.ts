import type { Kafka, Producer } from 'kafkajs';

/**
 * The producer every stage uses: idempotent, so a retried produce never
 * writes a record twice, and acks=all is enforced on each send.
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
}
