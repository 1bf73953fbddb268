import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, readTopics, signBody } from '@wapipe/testing';
import { webhookChangeRecord } from '@wapipe/contracts';
import { brokers, testIngress } from './harness.ts';

const { appSecret, bodies } = loadCorpus();
const { service, topics, logs } = testIngress({ APP_SECRETS: appSecret });
let url = '';

beforeAll(async () => ({ url } = await service.start()));
afterAll(() => service.stop());

function post(body: Buffer, headers: Record<string, string>) {
  return fetch(`${url}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

function expectedChanges(raw: Buffer) {
  const body = JSON.parse(raw.toString()) as {
    entry: {
      id: string;
      changes: { value: { metadata?: { phone_number_id?: string } } }[];
    }[];
  };
  return body.entry.flatMap((e) =>
    e.changes.map((c) => c.value.metadata?.phone_number_id ?? e.id),
  );
}

describe('ingress with the whole Meta corpus', () => {
  it('answers 200 to every genuine body and 401 to every copy that is not', async () => {
    for (const body of bodies) {
      const ok = await post(body.raw, {
        'X-Hub-Signature-256': body.signature,
      });
      expect(ok.status, body.name).toBe(200);

      const copy = Buffer.from(JSON.stringify(JSON.parse(body.raw.toString())));
      if (!body.roundTripEqualsRaw) {
        const res = await post(copy, { 'X-Hub-Signature-256': body.signature });
        expect(res.status, `${body.name} re-serialised`).toBe(401);
      }
      const forged = await post(copy, {
        'X-Hub-Signature-256': signBody(copy, 'forged'),
      });
      expect(forged.status).toBe(401);
      expect((await post(copy, {})).status).toBe(401);
    }
  });

  it('holds exactly one record per change, keyed by phone number id', async () => {
    const expected = bodies.flatMap((b) => expectedChanges(b.raw));
    const records = await readTopics({
      brokers: brokers(),
      topics: [topics.webhooks],
      until: (r) => r.length >= expected.length,
      settleMs: 1_000,
    });
    expect(records).toHaveLength(expected.length);
    expect(records.map((r) => r.key).sort()).toEqual([...expected].sort());
    for (const record of records) {
      const value = webhookChangeRecord.parse(JSON.parse(record.value ?? ''));
      expect(record.headers['webhook-id']).toBe(value.webhookId);
      expect(record.headers['traceparent']).toMatch(
        /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/,
      );
      expect(record.headers['schema-version']).toBe('1');
      expect(Date.parse(record.headers['received-at'] ?? '')).not.toBeNaN();
    }
  });

  it('keeps each change value exactly as Meta sent it', async () => {
    const sample = bodies.find((b) => b.name === 'msg_text_unicode_emoji');
    const records = await readTopics({
      brokers: brokers(),
      topics: [topics.webhooks],
      until: (r) => r.length > 0,
    });
    const parsed = JSON.parse(sample?.raw.toString() ?? '{}') as {
      entry: { changes: { value: unknown }[] }[];
    };
    const values = records.map((r) =>
      JSON.stringify(JSON.parse(r.value ?? '').value),
    );
    expect(values).toContain(
      JSON.stringify(parsed.entry[0]?.changes[0]?.value),
    );
  });

  it('logs one line per request and never a phone number or text', () => {
    const accessLines = logs.filter((l) => l.msg === 'request completed');
    expect(accessLines.length).toBeGreaterThanOrEqual(bodies.length * 3);
    const text = JSON.stringify(logs);
    expect(text).not.toMatch(/1555\d{7}/);
    expect(text).not.toContain('Test User');
  });

  it('exposes request, signature and produce metrics', async () => {
    const metrics = await service.registry.metrics();
    expect(metrics).toMatch(
      /wapipe_ingress_requests_total\{[^}]*outcome="accepted"[^}]*\} \d+/,
    );
    expect(metrics).toMatch(
      /wapipe_ingress_signature_failures_total\{reason="mismatch"/,
    );
    expect(metrics).toMatch(
      /wapipe_ingress_signature_failures_total\{reason="missing"/,
    );
    expect(metrics).toContain('wapipe_ingress_produce_duration_seconds_bucket');
    expect(metrics).toContain('wapipe_ingress_in_flight_requests');
  });
});
