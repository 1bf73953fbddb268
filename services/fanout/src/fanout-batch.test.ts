import type { Batch, KafkaMessage, Producer, ProducerBatch } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { topicNames } from '@wapipe/contracts';
import { createMetricsRegistry } from '@wapipe/telemetry';
import { fanoutBatch } from './fanout-batch.ts';
import { createFanoutMetrics } from './metrics.ts';
import { changeRecord } from '../test/change-record.ts';

function changeMessage(value: unknown): KafkaMessage {
  const record = changeRecord('messages', value);
  return {
    key: Buffer.from('9'),
    value: Buffer.from(JSON.stringify(record)),
    offset: '0',
    headers: {},
  } as unknown as KafkaMessage;
}

async function run(message: KafkaMessage) {
  const calls: ProducerBatch[] = [];
  const producer = {
    sendBatch: (b: ProducerBatch) => (calls.push(b), Promise.resolve([])),
  } as unknown as Producer;
  const batch = {
    topic: 't',
    partition: 0,
    messages: [message],
  } as unknown as Batch;
  const metrics = createFanoutMetrics(createMetricsRegistry('fanout-test'));
  await fanoutBatch(batch, { producer, topics: topicNames('x.'), metrics });
  return calls.flatMap((c) => c.topicMessages ?? []);
}

describe('fanoutBatch', () => {
  describe('with a change of 50,000 broken messages and one good one', () => {
    it('writes the good message and one dead letter holding all the broken ones', async () => {
      const messages = [
        ...Array.from({ length: 50_000 }, () => ({})),
        { id: 'wamid.OK', type: 'text' },
      ];
      const written = await run(
        changeMessage({ metadata: { phone_number_id: '9' }, messages }),
      );
      const dlq = written
        .filter((t) => t.topic === 'x.whatsapp.dlq.v1')
        .flatMap((t) => t.messages);
      expect(dlq).toHaveLength(1);
      const letter = JSON.parse(String(dlq[0]?.value)) as {
        detail: string;
        payload: { data: string };
      };
      expect(letter.detail).toMatch(/^50000 × /);
      expect(JSON.parse(letter.payload.data)).toHaveLength(50_000);
      const good = written
        .filter((t) => t.topic === 'x.whatsapp.messages.v1')
        .flatMap((t) => t.messages);
      expect(good).toHaveLength(1);
    });
  });
});
