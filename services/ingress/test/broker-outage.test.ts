import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTopics, signBody, startKafka, stopKafka } from '@wapipe/testing';
import { brokers, oneMessageBody, testIngress } from './harness.ts';

const secret = 'outage-secret';
const DEADLINE_MS = 1_500;
const { service, topics } = testIngress({
  APP_SECRETS: secret,
  PRODUCE_DEADLINE_MS: String(DEADLINE_MS),
});
let url = '';
let managementUrl = '';
let counter = 0;

beforeAll(async () => ({ url, managementUrl } = await service.start()));
afterAll(async () => {
  await startKafka();
  await service.stop();
});

/** Sends a fresh signed body; returns its id, status and answer time. */
async function send() {
  const id = `wamid.OUTAGE.${++counter}`;
  const body = oneMessageBody(id);
  const started = performance.now();
  const res = await fetch(`${url}/webhooks/whatsapp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(body, secret),
    },
    body,
  });
  return { id, status: res.status, ms: performance.now() - started };
}

/** Polls /readyz until it answers `status`; false if it never does. */
async function readyWithin(ms: number, status: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const res = await fetch(`${managementUrl}/readyz`);
    if (res.status === status) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describe('ingress when the broker stops mid-test', () => {
  const answers: { id: string; status: number; ms: number }[] = [];

  it('answers 200 while the broker is up', async () => {
    for (let i = 0; i < 5; i++) answers.push(await send());
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('answers 503 within the deadline while it is down, never 200', async () => {
    await stopKafka();
    const down = await Promise.all(Array.from({ length: 6 }, () => send()));
    answers.push(...down);
    for (const answer of down) {
      expect(answer.status).toBe(503);
      expect(answer.ms).toBeLessThan(DEADLINE_MS + 1_000);
    }
  });

  it('reports not ready while the broker is down', async () => {
    expect(await readyWithin(10_000, 503)).toBe(true);
  });

  it('answers 200 again once the broker is back', async () => {
    await startKafka();
    let last = await send();
    const until = Date.now() + 90_000;
    while (last.status !== 200 && Date.now() < until) {
      answers.push(last);
      await new Promise((r) => setTimeout(r, 500));
      last = await send();
    }
    answers.push(last);
    expect(last.status).toBe(200);
    for (let i = 0; i < 3; i++) answers.push(await send());
    expect(answers.slice(-3).map((a) => a.status)).toEqual([200, 200, 200]);
  });

  it('reports ready again with the broker back', async () => {
    expect(await readyWithin(15_000, 200)).toBe(true);
  });

  it('holds exactly the bodies that were answered 200', async () => {
    const accepted = answers.filter((a) => a.status === 200).map((a) => a.id);
    const records = await readTopics({
      brokers: brokers(),
      topics: [topics.webhooks],
      until: (r) => r.length >= accepted.length,
      settleMs: 3_000,
    });
    const ids = records.map((r) => {
      const value = JSON.parse(r.value ?? '') as {
        value: { messages: { id: string }[] };
      };
      return value.value.messages[0]?.id;
    });
    expect(ids.sort()).toEqual([...accepted].sort());
  });
});
