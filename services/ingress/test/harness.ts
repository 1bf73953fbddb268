import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { topicNames } from '@wapipe/contracts';
import { REDACTED_PATHS } from '@wapipe/telemetry';
import { buildIngress, loadIngressConfig } from '../src/index.ts';

/** An ingress on its own topic prefix, logging into memory. */
export function testIngress(env: Record<string, string> = {}) {
  const prefix = `t-${randomUUID().slice(0, 8)}.`;
  const config = loadIngressConfig({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: '3',
    PORT: '0',
    HOST: '127.0.0.1',
    MANAGEMENT_PORT: '0',
    MANAGEMENT_HOST: '127.0.0.1',
    APP_SECRETS: 'test-app-secret-DO-NOT-USE',
    ...env,
  });
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    memoryStream(logs),
  );
  const service = buildIngress(config, { logger });
  return { service, config, logs, topics: topicNames(prefix) };
}

function memoryStream(lines: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
}

export function brokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '').split(',');
}

/** A minimal signed-able body: one change holding one message `id`. */
export function oneMessageBody(id: string): Buffer {
  const value = { messages: [{ id, type: 'text' }] };
  return Buffer.from(
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value }] }],
    }),
  );
}
