import type { IHeaders, Producer } from 'kafkajs';
import {
  deadLetterRecord,
  mediaStoredRecord,
  type DeadLetterRecord,
  type MediaStoredRecord,
} from '@wapipe/contracts';

export interface PublisherTopics {
  mediaStored: string;
  dlq: string;
}

/**
 * Writes outputs with acks=all and resolves only once the brokers have
 * them: offsets and "done" marks follow that acknowledgement. Records are
 * checked against their contract first; a mismatch is our bug, not data.
 */
export class Publisher {
  private readonly producer: Producer;
  private readonly topics: PublisherTopics;

  constructor(producer: Producer, topics: PublisherTopics) {
    this.producer = producer;
    this.topics = topics;
  }

  async stored(
    record: MediaStoredRecord,
    key: string,
    headers: IHeaders,
  ): Promise<void> {
    const value = JSON.stringify(mediaStoredRecord.parse(record));
    await this.send(this.topics.mediaStored, { key, value, headers });
  }

  async deadLetter(
    record: DeadLetterRecord,
    key: string | null,
    headers: IHeaders,
  ): Promise<void> {
    const value = JSON.stringify(deadLetterRecord.parse(record));
    await this.send(this.topics.dlq, { key, value, headers });
  }

  private async send(
    topic: string,
    message: { key: string | null; value: string; headers: IHeaders },
  ): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: [message] });
  }
}
