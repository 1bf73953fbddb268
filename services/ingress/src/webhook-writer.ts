import type { Message, TopicMessages } from 'kafkajs';
import {
  DEAD_LETTER_VERSION,
  WEBHOOK_CHANGE_VERSION,
  deadLetterPayload,
  type DeadLetterRecord,
  type TopicNames,
} from '@wapipe/contracts';
import { ProduceTimeoutError, buildHeaders } from '@wapipe/kafka';
import type { LingerProducer } from '@wapipe/kafka';
import type { KeyedChange } from './split-changes.ts';

/** What every record of one webhook shares in its Kafka headers. */
export interface WebhookContext {
  webhookId: string;
  receivedAt: string;
  trace: Record<string, string>;
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

  writeChanges(changes: KeyedChange[], ctx: WebhookContext): Promise<void> {
    const headers = buildHeaders({
      ...ctx,
      schemaVersion: String(WEBHOOK_CHANGE_VERSION),
    });
    const messages: Message[] = changes.map(({ key, record }) => ({
      key,
      value: JSON.stringify(record),
      headers,
    }));
    return this.send([{ topic: this.topics.webhooks, messages }]);
  }

  /** Keeps a signed body that cannot be split, byte for byte. */
  writeUnusable(
    rawBody: Buffer,
    problem: { reason: string; detail: string },
    ctx: WebhookContext,
  ): Promise<void> {
    const record: DeadLetterRecord = {
      version: DEAD_LETTER_VERSION,
      stage: 'ingress',
      reason: problem.reason,
      detail: problem.detail,
      failedAt: ctx.receivedAt,
      attempts: 0,
      webhookId: ctx.webhookId,
      origin: null,
      payload: deadLetterPayload(rawBody),
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
    return this.send([{ topic: this.topics.dlq, messages: [message] }]);
  }

  private send(records: TopicMessages[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new ProduceTimeoutError(this.deadlineMs)),
        this.deadlineMs,
      );
    });
    // The produce goes on after a timeout; if it lands, Meta's retry of the
    // 503 is a duplicate that the processor's dedupe absorbs.
    const until = Date.now() + this.deadlineMs;
    return Promise.race([this.producer.send(records, until), deadline]).finally(
      () => clearTimeout(timer),
    );
  }
}
