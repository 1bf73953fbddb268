import kafkajs from 'kafkajs';
import type { Producer, ProducerBatch, TopicMessages } from 'kafkajs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LingerProducer } from './linger-producer.ts';

// A stand-in for kafkajs' producer: each sendBatch waits until the test
// acknowledges or fails it, so timing is entirely in the test's hands.
// (Against a real broker: services/ingress/test/broker-outage.test.ts.)
class ScriptedProducer {
  readonly batches: ProducerBatch[] = [];
  private readonly waiting: { ok: () => void; fail: (e: Error) => void }[] = [];

  sendBatch(batch: ProducerBatch): Promise<void> {
    this.batches.push(batch);
    return new Promise((ok, fail) => this.waiting.push({ ok, fail }));
  }

  acknowledge(): void {
    this.waiting.shift()?.ok();
  }

  fail(error: Error): void {
    this.waiting.shift()?.fail(error);
  }
}

const records = (topic: string, ...values: string[]): TopicMessages[] => [
  { topic, messages: values.map((value) => ({ value })) },
];

let kafka: ScriptedProducer;
let linger: LingerProducer;

beforeEach(() => {
  vi.useFakeTimers({
    now: 1_000_000,
    toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'],
  });
  kafka = new ScriptedProducer();
  linger = new LingerProducer(kafka as unknown as Producer, {
    lingerMs: 1,
    maxBatchRecords: 100,
    maxBatchBytes: 1000,
  });
});
afterEach(() => vi.useRealTimers());

/** The promise's outcome so far, without waiting for it. */
function outcome(promise: Promise<void>) {
  const seen = { state: 'pending' as string, error: undefined as unknown };
  promise.then(
    () => (seen.state = 'resolved'),
    (error: unknown) => Object.assign(seen, { state: 'rejected', error }),
  );
  return seen;
}

describe('LingerProducer', () => {
  it('sends concurrent callers in one acks=all produce, merged by topic', async () => {
    const a = outcome(linger.send(records('t', 'a1', 'a2')));
    const b = outcome(linger.send(records('t', 'b1')));
    await vi.advanceTimersByTimeAsync(1);
    expect(kafka.batches).toHaveLength(1);
    expect(kafka.batches[0]?.acks).toBe(-1);
    const values = kafka.batches[0]?.topicMessages?.[0]?.messages;
    expect(values?.map((m) => m.value)).toEqual(['a1', 'a2', 'b1']);
    kafka.acknowledge();
    await vi.advanceTimersByTimeAsync(0);
    expect([a.state, b.state]).toEqual(['resolved', 'resolved']);
  });

  it('sends what queued during a produce as soon as it returns', async () => {
    linger.send(records('t', 'first')).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1);
    const later = outcome(linger.send(records('t', 'second')));
    await vi.advanceTimersByTimeAsync(10);
    expect(kafka.batches).toHaveLength(1);
    kafka.acknowledge();
    await vi.advanceTimersByTimeAsync(0);
    expect(kafka.batches).toHaveLength(2);
    kafka.acknowledge();
    await vi.advanceTimersByTimeAsync(0);
    expect(later.state).toBe('resolved');
  });

  it('times a caller out at its deadline while its produce hangs', async () => {
    const hung = outcome(linger.send(records('t', 'x'), 500));
    await vi.advanceTimersByTimeAsync(499);
    expect(hung.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(hung.state).toBe('rejected');
    expect(hung.error).toMatchObject({ code: 'WAP_KAFKA_PRODUCE_TIMEOUT' });
  });

  it('never sends records whose caller already timed out', async () => {
    linger.send(records('t', 'slow'), 100).catch(() => null);
    await vi.advanceTimersByTimeAsync(1);
    const queued = outcome(linger.send(records('t', 'q'), 200));
    await vi.advanceTimersByTimeAsync(300);
    expect(queued.state).toBe('rejected');
    kafka.acknowledge(); // the hung produce lands after all
    await vi.advanceTimersByTimeAsync(10);
    expect(kafka.batches).toHaveLength(1);
  });

  it('keeps timing out later callers, each at its own deadline', async () => {
    const first = outcome(linger.send(records('t', 'a'), 100));
    await vi.advanceTimersByTimeAsync(50);
    const second = outcome(linger.send(records('t', 'b'), 100));
    await vi.advanceTimersByTimeAsync(50);
    expect([first.state, second.state]).toEqual(['rejected', 'pending']);
    await vi.advanceTimersByTimeAsync(50);
    expect(second.state).toBe('rejected');
  });

  it('does not report a timeout after the broker acknowledged', async () => {
    const ok = outcome(linger.send(records('t', 'a'), 100));
    await vi.advanceTimersByTimeAsync(1);
    kafka.acknowledge();
    await vi.advanceTimersByTimeAsync(500);
    expect(ok.state).toBe('resolved');
  });

  it('fails only the callers of the produce the broker refused', async () => {
    const lost = outcome(linger.send(records('t', 'a')));
    await vi.advanceTimersByTimeAsync(1);
    const next = outcome(linger.send(records('t', 'b')));
    kafka.fail(new Error('broker down'));
    await vi.advanceTimersByTimeAsync(0);
    kafka.acknowledge();
    await vi.advanceTimersByTimeAsync(0);
    expect([lost.state, next.state]).toEqual(['rejected', 'resolved']);
  });

  it('sends a full batch without waiting for the linger', async () => {
    const many = Array.from({ length: 100 }, (_, i) => `m${i}`);
    linger.send(records('t', ...many)).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(kafka.batches).toHaveLength(1);
  });

  it('keeps a produce under the byte budget', async () => {
    const big = 'x'.repeat(600);
    linger.send(records('t', big)).catch(() => undefined);
    linger.send(records('t', big)).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1);
    expect(kafka.batches).toHaveLength(1);
    kafka.acknowledge();
    await vi.advanceTimersByTimeAsync(0);
    expect(kafka.batches).toHaveLength(2);
  });

  it('tries each caller alone when the broker refuses a shared produce', async () => {
    const poisoned = outcome(linger.send(records('t', 'too large')));
    const innocent = outcome(linger.send(records('t', 'fine')));
    await vi.advanceTimersByTimeAsync(1);
    kafka.fail(new Error('MESSAGE_TOO_LARGE'));
    await vi.advanceTimersByTimeAsync(0);
    kafka.fail(new Error('MESSAGE_TOO_LARGE'));
    await vi.advanceTimersByTimeAsync(0);
    kafka.acknowledge();
    await vi.advanceTimersByTimeAsync(0);
    expect(kafka.batches).toHaveLength(3);
    expect([poisoned.state, innocent.state]).toEqual(['rejected', 'resolved']);
  });

  it('fails every caller of a shared produce when the broker is down', async () => {
    const a = outcome(linger.send(records('t', 'a')));
    const b = outcome(linger.send(records('t', 'b')));
    await vi.advanceTimersByTimeAsync(1);
    kafka.fail(new kafkajs.KafkaJSConnectionError('connection refused'));
    await vi.advanceTimersByTimeAsync(0);
    expect([a.state, b.state]).toEqual(['rejected', 'rejected']);
    expect(kafka.batches).toHaveLength(1);
  });

  it('leaves no timer behind once nobody waits', async () => {
    const ok = outcome(linger.send(records('t', 'a'), 5_000));
    await vi.advanceTimersByTimeAsync(1);
    kafka.acknowledge();
    await vi.advanceTimersByTimeAsync(0);
    expect(ok.state).toBe('resolved');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times out on time when the wall clock steps back', async () => {
    const hung = outcome(linger.send(records('t', 'x'), 500));
    await vi.advanceTimersByTimeAsync(100);
    vi.setSystemTime(Date.now() - 10_000);
    await vi.advanceTimersByTimeAsync(400);
    expect(hung.state).toBe('rejected');
  });

  it('flushes what is queued and waits for it', async () => {
    const queued = outcome(linger.send(records('t', 'a')));
    const flushed = outcome(linger.flush());
    await vi.advanceTimersByTimeAsync(0);
    expect(kafka.batches).toHaveLength(1);
    expect(flushed.state).toBe('pending');
    kafka.acknowledge();
    await vi.advanceTimersByTimeAsync(0);
    expect([queued.state, flushed.state]).toEqual(['resolved', 'resolved']);
  });
});
