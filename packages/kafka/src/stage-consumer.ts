import { setTimeout as sleep } from 'node:timers/promises';
import type { Batch, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ConsumerFetchEnv } from '@wapipe/config';
import { startRecordSpan, type Logger } from '@wapipe/telemetry';
import type { Span } from '@opentelemetry/api';

export interface StageConsumerOptions {
  /** Service name, for spans. */
  stage: string;
  kafka: Kafka;
  groupId: string;
  topics: string[];
  logger: Logger;
  /** Partitions handled at once by this pod. */
  concurrency: number;
  /** Fetch batching (see consumerFetchEnv); kafkajs defaults otherwise. */
  fetch?: { minBytes: number; maxWaitMs: number };
  /**
   * Does the whole batch: outputs produced and acknowledged before it
   * resolves. A throw means "nothing of this batch is done yet".
   */
  handleBatch: (batch: Batch, heartbeat: () => Promise<void>) => Promise<void>;
  /** First and longest pause between attempts at a failing batch. */
  backoff?: { initialMs: number; maxMs: number };
  /** Called on every failed attempt, for a retry metric. */
  onRetry?: () => void;
}

type BatchPayload = Pick<
  EachBatchPayload,
  'batch' | 'heartbeat' | 'isRunning' | 'isStale' | 'resolveOffset'
>;

/**
 * The consume loop of every stage: at-least-once, in partition order.
 * A batch that fails is retried with jittered backoff for as long as this
 * pod owns the partition, so a Kafka or Redis outage pauses the stage
 * instead of skipping records; offsets are committed only after success.
 */
export class StageConsumer {
  private readonly options: StageConsumerOptions;
  private readonly consumer: Consumer;
  private running = false;

  constructor(options: StageConsumerOptions) {
    this.options = options;
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      // A partition's batch is at most this much input; its outputs go in
      // chunks, and shared produces stay under STAGE_OUTPUT_BATCHING's
      // byte budget, well under TOPIC_MAX_MESSAGE_BYTES.
      maxBytesPerPartition: 1024 * 1024,
      ...(options.fetch && {
        minBytes: options.fetch.minBytes,
        maxWaitTimeInMs: options.fetch.maxWaitMs,
      }),
    });
    this.watchGroup();
  }

  /** True between a successful join and stop (for readiness probes). */
  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: true,
    });
    // kafkajs commits what we resolved after each batch, also for the
    // batches it lets finish during stop(), when consumer.commitOffsets
    // would silently do nothing; we resolve only batches fully handled.
    // Batches that finish together share one OffsetCommit.
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.concurrency,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
    this.running = true;
  }

  /** Finishes the batches in hand, commits them, leaves the group. */
  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect();
  }

  private async consumeBatch(payload: BatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.isEmpty()) return;
    const spans = this.traceRecords(batch);
    const done = await this.untilHandled(payload);
    for (const span of spans) span.end();
    if (!done) return; // partition moved on or we are stopping: no commit
    // Resolved is what kafkajs then commits for the group; unresolved, the
    // next fetch (here or on another pod) hands us the batch again.
    payload.resolveOffset(batch.lastOffset());
  }

  private async untilHandled(payload: BatchPayload): Promise<boolean> {
    const { batch, heartbeat } = payload;
    for (let attempt = 1; ; attempt++) {
      if (!payload.isRunning() || payload.isStale()) return false;
      try {
        await this.options.handleBatch(batch, heartbeat);
        return true;
      } catch (err) {
        this.logFailure(batch, attempt, err);
        this.options.onRetry?.();
        await sleep(backoffMs(attempt, this.options.backoff));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  // Each record gets a consumer span, child of the trace in its headers;
  // its headers then name that span, so whatever the handler produces
  // from them continues the webhook's trace one level down.
  private traceRecords(batch: Batch): Span[] {
    return batch.messages.map((message) => {
      const { span, headers } = startRecordSpan(
        this.options.stage,
        batch.topic,
        message.headers,
      );
      message.headers = { ...message.headers, ...headers };
      return span;
    });
  }

  private logFailure(batch: Batch, attempt: number, err: unknown): void {
    const fields = {
      err,
      topic: batch.topic,
      partition: batch.partition,
      offset: batch.firstOffset(),
      attempt,
    };
    // The first failures are routine during a broker or Redis blip.
    if (attempt < 3)
      this.options.logger.debug(fields, 'batch failed, retrying');
    else this.options.logger.warn(fields, 'batch still failing, stage paused');
  }

  private watchGroup(): void {
    const { GROUP_JOIN, CRASH } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, (event) => {
      this.options.logger.info(
        { groupId: this.options.groupId, memberId: event.payload.memberId },
        'joined consumer group',
      );
    });
    this.consumer.on(CRASH, (event) => {
      this.options.logger.error(
        { err: event.payload.error, restart: event.payload.restart },
        'consumer crashed',
      );
    });
  }
}

function backoffMs(
  attempt: number,
  limits = { initialMs: 200, maxMs: 10_000 },
): number {
  const ceiling = Math.min(limits.maxMs, limits.initialMs * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2); // "equal jitter"
}

/** StageConsumer fetch options from the KAFKA_FETCH_* settings. */
export function fetchOptions(config: ConsumerFetchEnv): {
  minBytes: number;
  maxWaitMs: number;
} {
  return {
    minBytes: config.KAFKA_FETCH_MIN_BYTES,
    maxWaitMs: config.KAFKA_FETCH_MAX_WAIT_MS,
  };
}
