import type { Message, Producer, ProducerBatch, TopicMessages } from 'kafkajs';
import { ProduceTimeoutError, isRetriableKafkaError } from './errors.ts';

export interface LingerProducerOptions {
  /** How long the first record of a batch waits for company. */
  lingerMs: number;
  /** A batch this large is sent without waiting for the linger. */
  maxBatchRecords: number;
  /**
   * Keys and values one produce may carry, well under the topics'
   * max.message.bytes; a single caller above it still goes, alone.
   */
  maxBatchBytes: number;
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
  maxBatchBytes: 8 * 1024 * 1024,
};

interface Caller {
  records: TopicMessages[];
  count: number;
  bytes: number;
  /** performance.now() after which the caller no longer waits. */
  deadline: number;
  timeoutMs: number;
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
 * Each caller may have a timeout, enforced by one timer for all of them
 * (a timer per caller was a measurable share of the ingress' CPU).
 */
export class LingerProducer {
  private readonly producer: Producer;
  private readonly options: LingerProducerOptions;
  private queued: Caller[] = [];
  private queuedCount = 0;
  private queuedBytes = 0;
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
   * rejects with ProduceTimeoutError once `timeoutMs` passed first.
   * Records still queued then are never sent: their caller has already
   * told its client "not stored". A produce already under way goes on;
   * if it lands, the records exist although the caller was told
   * otherwise, which downstream dedupe absorbs.
   */
  send(records: TopicMessages[], timeoutMs = Infinity): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const caller: Caller = {
        records,
        count: 0,
        bytes: 0,
        deadline: performance.now() + timeoutMs,
        timeoutMs,
        settled: false,
        resolve,
        reject,
      };
      measure(caller);
      this.queued.push(caller);
      this.queuedCount += caller.count;
      this.queuedBytes += caller.bytes;
      this.watchDeadline(caller.deadline);
      this.schedule();
    });
  }

  /**
   * kafkajs' sendBatch, for code written against a Producer: the records
   * join the next shared produce (always acks=all), with no timeout.
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
    const { maxBatchRecords, maxBatchBytes } = this.options;
    if (
      this.queuedCount >= maxBatchRecords ||
      this.queuedBytes >= maxBatchBytes
    ) {
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
    if (performance.now() >= this.deadlineAt) this.expire();
    if (this.queued.length === 0 || this.inFlight) return;
    const batch = this.takeBatch();
    this.sending = batch;
    this.inFlight = this.produce(batch).finally(() => {
      this.inFlight = undefined;
      this.sending = [];
      this.rearm();
      // Whatever queued meanwhile has waited a whole produce already:
      // send it now; lingering again would only add latency under load.
      if (this.queued.length > 0) this.startBatch();
    });
  }

  private takeBatch(): Caller[] {
    const batch: Caller[] = [];
    let count = 0;
    let bytes = 0;
    while (this.queued.length > 0) {
      const next = this.queued[0] as Caller;
      if (batch.length > 0 && this.wouldOverflow(count, bytes, next)) break;
      batch.push(next);
      count += next.count;
      bytes += next.bytes;
      this.queued.shift();
    }
    this.queuedCount -= count;
    this.queuedBytes -= bytes;
    return batch;
  }

  private wouldOverflow(count: number, bytes: number, next: Caller): boolean {
    return (
      count + next.count > this.options.maxBatchRecords ||
      bytes + next.bytes > this.options.maxBatchBytes
    );
  }

  private async produce(batch: Caller[]): Promise<void> {
    try {
      await this.sendRecords(batch);
      for (const caller of batch) settle(caller);
    } catch (error) {
      // A record the broker refuses for good (too large, say) must not
      // fail the callers it happened to share a produce with: each is
      // tried alone. An outage fails them all alike, so they all hear it.
      if (batch.length === 1 || isRetriableKafkaError(error)) {
        for (const caller of batch) settle(caller, error);
        return;
      }
      await this.produceOneByOne(batch);
    }
  }

  private async produceOneByOne(batch: Caller[]): Promise<void> {
    for (const caller of batch) {
      if (caller.settled) continue; // timed out meanwhile: not sent
      try {
        await this.sendRecords([caller]);
        settle(caller);
      } catch (error) {
        settle(caller, error);
      }
    }
  }

  private async sendRecords(batch: Caller[]): Promise<void> {
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: mergeByTopic(batch.flatMap((c) => c.records)),
    });
  }

  // One timer, armed at the earliest deadline of anyone still waiting:
  // `deadlineAt` is never later than any waiting caller's deadline.
  // performance.now(), not Date.now(): a wall-clock step must not move
  // every caller's deadline with it.
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
      Math.max(0, deadline - performance.now()),
    );
  }

  /** Times out every caller past its deadline, then re-arms the timer. */
  private expire(): void {
    const now = performance.now();
    const expired = (c: Caller) => !c.settled && c.deadline <= now;
    for (const caller of this.sending.filter(expired)) timeOut(caller);
    if (this.queued.some(expired)) {
      for (const caller of this.queued.filter(expired)) {
        this.queuedCount -= caller.count;
        this.queuedBytes -= caller.bytes;
        timeOut(caller);
      }
      this.queued = this.queued.filter((c) => !c.settled);
    }
    this.rearm();
  }

  // Nobody waiting: no timer either, so none outlives the work.
  private rearm(): void {
    let next = Infinity;
    for (const c of this.sending)
      if (!c.settled) next = Math.min(next, c.deadline);
    for (const c of this.queued) next = Math.min(next, c.deadline);
    if (next === Infinity) this.clearDeadlineTimer();
    else this.watchDeadline(next);
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

function measure(caller: Caller): void {
  for (const { messages } of caller.records) {
    caller.count += messages.length;
    for (const { key, value } of messages)
      caller.bytes += byteLength(key) + byteLength(value);
  }
}

function byteLength(data: Message['value'] | Message['key']): number {
  if (data === null || data === undefined) return 0;
  return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}

function settle(caller: Caller, error?: unknown): void {
  if (caller.settled) return;
  caller.settled = true;
  if (error === undefined) caller.resolve();
  else caller.reject(error);
}

function timeOut(caller: Caller): void {
  settle(caller, new ProduceTimeoutError(caller.timeoutMs));
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
