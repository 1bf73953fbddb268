import { Kafka, logLevel } from 'kafkajs';

/** A quiet kafkajs client for the bench's own reads. */
export function benchKafka(brokers: string[]): Kafka {
  return new Kafka({
    clientId: 'wapipe-bench',
    brokers,
    logLevel: logLevel.NOTHING,
  });
}
