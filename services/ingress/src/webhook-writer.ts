import type { Message, TopicMessages } from 'kafkajs';
import {
  DEAD_LETTER_VERSION,
  WEBHOOK_CHANGE_VERSION,
  deadLetterPayload,
  type DeadLetterRecord,
  type TopicNames,
} from '@wapipe/contracts';
import { buildHeaders } from '@wapipe/kafka';
import type { LingerProducer } from '@wapipe/kafka';
import type { KeyedChange } from './split-changes.ts';

/** What every record of one webhook shares in its Kafka headers. */
export interface WebhookContext {
  webhookId: string;
  receivedAt: string;
  trace: Record<string, string>;
}

/** Why a signed body (or part of it) is kept raw in the DLQ. */
export interface KeepRaw {
  rawBody: Buffer;
  reason: string;
  detail: string;
}

/**
 * Writes one webhook's records in a single acks=all produce and resolves
 * only when Kafka holds them all, or rejects (deadline or broker error).
 */
export class WebhookWriter {
  private readonly producer: LingerProducer;
  private readonly topics: TopicNames;
  private readonly deadlineMs: number;

  constructor(
    producer: LingerProducer,
    topics: TopicNames,
    deadlineMs: number,
  ) {
    this.producer = producer;
    this.topics = topics;
    this.deadlineMs = deadlineMs;
  }

  /**
   * The changes, plus the raw body in the DLQ when `keep` says part of it
   * could not be read: both in the same produce, durable together.
   */
  write(
    changes: KeyedChange[],
    keep: KeepRaw | undefined,
    ctx: WebhookContext,
  ): Promise<void> {
    const records: TopicMessages[] = [];
    if (changes.length > 0) {
      const headers = buildHeaders({
        ...ctx,
        schemaVersion: String(WEBHOOK_CHANGE_VERSION),
      });
      const messages: Message[] = changes.map(({ key, value }) => ({
        key,
        value,
        headers,
      }));
      records.push({ topic: this.topics.webhooks, messages });
    }
    if (keep) records.push(this.deadLetter(keep, ctx));
    return this.send(records);
  }

  private deadLetter(keep: KeepRaw, ctx: WebhookContext): TopicMessages {
    const record: DeadLetterRecord = {
      version: DEAD_LETTER_VERSION,
      stage: 'ingress',
      reason: keep.reason,
      detail: keep.detail,
      failedAt: ctx.receivedAt,
      attempts: 0,
      webhookId: ctx.webhookId,
      origin: null,
      payload: deadLetterPayload(keep.rawBody),
    };
    const headers = buildHeaders({
      ...ctx,
      schemaVersion: String(DEAD_LETTER_VERSION),
    });
    const message = {
      key: ctx.webhookId,
      value: JSON.stringify(record),
      headers,
    };
    return { topic: this.topics.dlq, messages: [message] };
  }

  // The produce goes on after a timeout; if it lands, Meta's retry of the
  // 503 is a duplicate that the processor's dedupe absorbs.
  private send(records: TopicMessages[]): Promise<void> {
    return this.producer.send(records, this.deadlineMs);
  }
}
