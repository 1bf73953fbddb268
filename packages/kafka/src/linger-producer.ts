import type { Message, Producer, TopicMessages } from 'kafkajs';
import { ProduceTimeoutError } from './errors.ts';

export interface LingerProducerOptions {
  /** How long the first record of a batch waits for company. */
  lingerMs: number;
  /** A batch this large is sent without waiting for the linger. */
  maxBatchRecords: number;
}

interface Pending {
  records: TopicMessages[];
  count: number;
  /** Epoch ms after which the caller no longer waits for these records. */
  deadline: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Groups the records of concurrent callers into one acks=all produce, so
 * the broker sees batches instead of a round trip per webhook. Each
 * caller's records always travel in a single produce request, so a caller
 * is told "durable" or "failed" for all of its records at once.
 */
export class LingerProducer {
  private readonly producer: Producer;
  private readonly options: LingerProducerOptions;
  private pending: Pending[] = [];
  private pendingCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(producer: Producer, options: LingerProducerOptions) {
    this.producer = producer;
    this.options = options;
  }

  /**
   * Resolves once the broker acknowledged every record of this call.
   * Records still waiting for a batch when `deadline` (epoch ms) passes are
   * never sent: their caller has already told its client "not stored".
   */
  send(records: TopicMessages[], deadline = Infinity): Promise<void> {
    const count = records.reduce((n, r) => n + r.messages.length, 0);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ records, count, deadline, resolve, reject });
      this.pendingCount += count;
      this.schedule();
    });
  }

  /** Sends whatever is waiting and resolves when nothing is in flight. */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.pending.length > 0 || this.inFlight) {
      if (this.inFlight) await this.inFlight.catch(() => undefined);
      else this.startBatch();
    }
  }

  private schedule(): void {
    if (this.inFlight) return; // the in-flight batch's completion sends us
    if (this.pendingCount >= this.options.maxBatchRecords) {
      this.clearTimer();
      this.startBatch();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.startBatch();
    }, this.options.lingerMs);
  }

  private startBatch(): void {
    this.dropExpired();
    if (this.pending.length === 0 || this.inFlight) return;
    const batch = this.takeBatch();
    this.inFlight = this.produce(batch).finally(() => {
      this.inFlight = undefined;
      // Whatever queued meanwhile has waited a whole produce already:
      // send it now; lingering again would only add latency under load.
      if (this.pending.length > 0) this.startBatch();
    });
  }

  private dropExpired(): void {
    const now = Date.now();
    const expired = this.pending.filter((p) => p.deadline <= now);
    if (expired.length === 0) return;
    this.pending = this.pending.filter((p) => p.deadline > now);
    for (const p of expired) {
      this.pendingCount -= p.count;
      p.reject(new ProduceTimeoutError(0));
    }
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let count = 0;
    while (this.pending.length > 0) {
      const next = this.pending[0] as Pending;
      const full = count + next.count > this.options.maxBatchRecords;
      if (batch.length > 0 && full) break;
      batch.push(next);
      count += next.count;
      this.pending.shift();
    }
    this.pendingCount -= count;
    return batch;
  }

  private async produce(batch: Pending[]): Promise<void> {
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: mergeByTopic(batch.flatMap((p) => p.records)),
      });
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function mergeByTopic(records: TopicMessages[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topic, messages } of records) {
    const list = byTopic.get(topic) ?? [];
    list.push(...messages);
    byTopic.set(topic, list);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
