import type { Producer, ProducerBatch } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { sendInChunks } from './send-in-chunks.ts';

function recordingProducer() {
  const calls: ProducerBatch[] = [];
  const producer = {
    sendBatch: (batch: ProducerBatch) => {
      calls.push(batch);
      return Promise.resolve([]);
    },
  } as unknown as Producer;
  return { producer, calls };
}

describe('sendInChunks', () => {
  it('keeps each produce under the byte budget, in order', async () => {
    const { producer, calls } = recordingProducer();
    const messages = Array.from({ length: 10 }, (_, i) => ({
      key: 'k',
      value: 'x'.repeat(100) + i,
    }));
    await sendInChunks(producer, [{ topic: 'a', messages }], 400);
    expect(calls.length).toBeGreaterThan(2);
    const sent = calls.flatMap(
      (c) => c.topicMessages?.flatMap((t) => t.messages) ?? [],
    );
    expect(sent).toEqual(messages);
    expect(calls.every((c) => c.acks === -1)).toBe(true);
  });

  it('sends one record larger than the budget on its own', async () => {
    const { producer, calls } = recordingProducer();
    await sendInChunks(
      producer,
      [{ topic: 'a', messages: [{ value: 'y'.repeat(1000) }, { value: 'z' }] }],
      100,
    );
    expect(calls).toHaveLength(2);
  });
});
