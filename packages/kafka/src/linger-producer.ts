import type { Message, Producer, ProducerBatch, TopicMessages } from 'kafkajs';
import { ProduceTimeoutError } from './errors.ts';

export interface LingerProducerOptions {
  /** How long the first record of a batch waits for company. */
  lingerMs: number;
  /** A batch this large is sent without waiting for the linger. */
  maxBatchRecords: number;
}

/**
 * For consumer stages: the outputs of partition batches that finish
 * together share one produce request instead of one each. No linger
 * beyond the next turn of the event loop: their batches already waited
 * for a fetch.
 */
export const STAGE_OUTPUT_BATCHING: LingerProducerOptions = {
  lingerMs: 0,
  maxBatchRecords: 10_000,
};

interface Caller {
  records: TopicMessages[];
  count: number;
  /** Epoch ms after which the caller no longer waits for these records. */
  deadline: number;
  budgetMs: number;
  /** Told once: durable, failed or timed out, whichever comes first. */
  settled: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Groups the records of concurrent callers into one acks=all produce, so
 * the broker sees batches instead of a round trip per webhook. Each
 * caller's records always travel in a single produce request, so a caller
 * is told "durable" or "failed" for all of its records at once.
 *
 * Each caller also has a deadline, enforced by one timer for all of them
 * (a timer per caller was a measurable share of the ingress' CPU).
 */
export class LingerProducer {
  private readonly producer: Producer;
  private readonly options: LingerProducerOptions;
  private queued: Caller[] = [];
  private queuedCount = 0;
  private sending: Caller[] = [];
  private lingerTimer: NodeJS.Timeout | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private deadlineAt = Infinity;
  private inFlight: Promise<void> | undefined;

  constructor(producer: Producer, options: LingerProducerOptions) {
    this.producer = producer;
    this.options = options;
  }

  /**
   * Resolves once the broker acknowledged every record of this call, and
   * rejects with ProduceTimeoutError once `deadline` (epoch ms) passes
   * first. Records still queued then are never sent: their caller has
   * already told its client "not stored". A produce already under way
   * goes on; if it lands, the records exist although the caller was told
   * otherwise, which downstream dedupe absorbs.
   */
  send(records: TopicMessages[], deadline = Infinity): Promise<void> {
    const count = records.reduce((n, r) => n + r.messages.length, 0);
    const budgetMs = Math.max(0, deadline - Date.now());
    return new Promise<void>((resolve, reject) => {
      const caller: Caller = {
        records,
        count,
        deadline,
        budgetMs,
        settled: false,
        resolve,
        reject,
      };
      this.queued.push(caller);
      this.queuedCount += count;
      this.watchDeadline(deadline);
      this.schedule();
    });
  }

  /**
   * kafkajs' sendBatch, for code written against a Producer: the records
   * join the next shared produce (always acks=all), with no deadline.
   */
  sendBatch(batch: ProducerBatch): Promise<void> {
    return this.send(batch.topicMessages ?? []);
  }

  /** Sends whatever is waiting and resolves when nothing is in flight. */
  async flush(): Promise<void> {
    this.clearLinger();
    while (this.queued.length > 0 || this.inFlight) {
      if (this.inFlight) await this.inFlight.catch(() => undefined);
      else this.startBatch();
    }
    this.clearDeadlineTimer();
  }

  private schedule(): void {
    if (this.inFlight) return; // the in-flight batch's completion sends us
    if (this.queuedCount >= this.options.maxBatchRecords) {
      this.clearLinger();
      this.startBatch();
      return;
    }
    this.lingerTimer ??= setTimeout(() => {
      this.lingerTimer = undefined;
      this.startBatch();
    }, this.options.lingerMs);
  }

  private startBatch(): void {
    // Late timers happen under load: never send what nobody waits for.
    if (Date.now() >= this.deadlineAt) this.expire();
    if (this.queued.length === 0 || this.inFlight) return;
    const batch = this.takeBatch();
    this.sending = batch;
    this.inFlight = this.produce(batch).finally(() => {
      this.inFlight = undefined;
      this.sending = [];
      // Whatever queued meanwhile has waited a whole produce already:
      // send it now; lingering again would only add latency under load.
      if (this.queued.length > 0) this.startBatch();
    });
  }

  private takeBatch(): Caller[] {
    const batch: Caller[] = [];
    let count = 0;
    while (this.queued.length > 0) {
      const next = this.queued[0] as Caller;
      const full = count + next.count > this.options.maxBatchRecords;
      if (batch.length > 0 && full) break;
      batch.push(next);
      count += next.count;
      this.queued.shift();
    }
    this.queuedCount -= count;
    return batch;
  }

  private async produce(batch: Caller[]): Promise<void> {
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: mergeByTopic(batch.flatMap((c) => c.records)),
      });
      for (const caller of batch) settle(caller);
    } catch (error) {
      for (const caller of batch) settle(caller, error);
    }
  }

  // One timer, armed at the earliest deadline of anyone still waiting:
  // `deadlineAt` is never later than any waiting caller's deadline.
  private watchDeadline(deadline: number): void {
    if (deadline === Infinity || deadline >= this.deadlineAt) return;
    this.clearDeadlineTimer();
    this.deadlineAt = deadline;
    this.deadlineTimer = setTimeout(
      () => {
        this.deadlineTimer = undefined;
        this.deadlineAt = Infinity;
        this.expire();
      },
      Math.max(0, deadline - Date.now()),
    );
  }

  /** Times out every caller past its deadline, then re-arms the timer. */
  private expire(): void {
    const now = Date.now();
    const expired = (c: Caller) => !c.settled && c.deadline <= now;
    for (const caller of this.sending.filter(expired)) timeOut(caller);
    if (this.queued.some(expired)) {
      for (const caller of this.queued.filter(expired)) {
        this.queuedCount -= caller.count;
        timeOut(caller);
      }
      this.queued = this.queued.filter((c) => !c.settled);
    }
    this.rearm();
  }

  private rearm(): void {
    let next = Infinity;
    for (const c of this.sending)
      if (!c.settled) next = Math.min(next, c.deadline);
    for (const c of this.queued) next = Math.min(next, c.deadline);
    this.watchDeadline(next);
  }

  private clearLinger(): void {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
  }

  private clearDeadlineTimer(): void {
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
    this.deadlineAt = Infinity;
  }
}

function settle(caller: Caller, error?: unknown): void {
  if (caller.settled) return;
  caller.settled = true;
  if (error === undefined) caller.resolve();
  else caller.reject(error);
}

function timeOut(caller: Caller): void {
  settle(caller, new ProduceTimeoutError(caller.budgetMs));
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
