import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { topicNames } from '@wapipe/contracts';
import { readTopics, signBody } from '@wapipe/testing';
import { brokers, oneMessageBody } from './harness.ts';

const secret = 'sigterm-secret';
const prefix = `t-${randomUUID().slice(0, 8)}.`;

function startIngressProcess() {
  const child = spawn(process.execPath, ['src/main.ts'], {
    env: {
      ...process.env,
      KAFKA_BROKERS: brokers().join(','),
      TOPIC_PREFIX: prefix,
      KAFKA_TOPIC_PARTITIONS: '3',
      APP_SECRETS: secret,
      PORT: '0',
      HOST: '127.0.0.1',
      MANAGEMENT_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: { msg?: string; level?: number }[] = [];
  const port = new Promise<number>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const log = JSON.parse(line) as { msg?: string; port?: number };
      logs.push(log);
      if (log.msg === 'ingress listening' && log.port) resolve(log.port);
    });
  });
  return { child, port, logs };
}

async function post(port: number, id: string) {
  const body = oneMessageBody(id);
  try {
    const res = await fetch(`http://127.0.0.1:${port}/webhooks/whatsapp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(body, secret),
      },
      body,
    });
    return { id, status: res.status };
  } catch {
    return { id, status: 0 }; // connection refused or reset: not a 200
  }
}

describe('ingress receiving SIGTERM while requests are in flight', () => {
  it('gives every request a 200 that is in Kafka, or an error', async () => {
    const { child, port: portPromise, logs } = startIngressProcess();
    const port = await portPromise;
    const exited = once(child, 'exit');

    const inFlight = Array.from({ length: 60 }, (_, i) =>
      post(port, `wamid.TERM.${i}`),
    );
    setTimeout(() => child.kill('SIGTERM'), 15);
    const answers = await Promise.all(inFlight);
    const [code] = (await exited) as [number | null];

    const accepted = answers.filter((a) => a.status === 200).map((a) => a.id);
    expect(accepted.length).toBeGreaterThan(0);
    for (const a of answers) expect([0, 200, 503]).toContain(a.status);
    const problems = logs.filter((l) => (l.level ?? 0) >= 50);
    expect(code, JSON.stringify(problems)).toBe(0);

    const records = await readTopics({
      brokers: brokers(),
      topics: [topicNames(prefix).webhooks],
      until: (r) => r.length >= accepted.length,
      settleMs: 1_000,
    });
    const stored = new Set(
      records.map(
        (r) =>
          (
            JSON.parse(r.value ?? '') as {
              value: { messages: { id: string }[] };
            }
          ).value.messages[0]?.id,
      ),
    );
    for (const id of accepted) expect(stored.has(id), id).toBe(true);
  });
});
