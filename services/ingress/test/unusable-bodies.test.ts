import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterRecord } from '@wapipe/contracts';
import { readTopics, signBody } from '@wapipe/testing';
import { brokers, testIngress } from './harness.ts';

const secret = 'unusable-secret';
const { service, topics } = testIngress({
  APP_SECRETS: secret,
  BODY_LIMIT_BYTES: String(64 * 1024),
});
beforeAll(() => service.start());
afterAll(() => service.stop());

function signed(body: Buffer | string, contentType = 'application/json') {
  const bytes = Buffer.from(body);
  return service.app.inject({
    method: 'POST',
    url: '/webhooks/whatsapp',
    headers: {
      'content-type': contentType,
      'x-hub-signature-256': signBody(bytes, secret),
    },
    payload: bytes,
  });
}

describe('ingress with signed bodies it cannot split', () => {
  const cases = [
    [
      'not JSON',
      Buffer.from('{"object":"whatsapp_business_account",'),
      'WAP_INGRESS_NOT_JSON',
    ],
    [
      'not UTF-8',
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      'WAP_INGRESS_NOT_UTF8',
    ],
    [
      'another object',
      Buffer.from('{"object":"page","entry":[]}'),
      'WAP_INGRESS_NOT_WHATSAPP',
    ],
    [
      'no changes',
      Buffer.from('{"object":"whatsapp_business_account","entry":[]}'),
      'WAP_INGRESS_NO_CHANGES',
    ],
    [
      'nesting too deep to re-serialise',
      Buffer.from(
        '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":' +
          '[{"field":"messages","value":{"x":' +
          '['.repeat(20_000) +
          ']'.repeat(20_000) +
          '}}]}]}',
      ),
      'WAP_INGRESS_TOO_DEEP',
    ],
  ] as const;

  it('answers 200 and keeps each one whole in the dead-letter topic', async () => {
    for (const [, body] of cases)
      expect((await signed(body)).statusCode).toBe(200);

    const records = await readTopics({
      brokers: brokers(),
      topics: [topics.dlq],
      until: (r) => r.length >= cases.length,
    });
    const letters = records.map((r) =>
      deadLetterRecord.parse(JSON.parse(r.value ?? '')),
    );
    for (const [name, body, reason] of cases) {
      const letter = letters.find((l) => l.reason === reason);
      expect(
        letter,
        `${name}: ${letters.map((l) => l.reason).join()}`,
      ).toBeDefined();
      const data = Buffer.from(
        letter?.payload.data ?? '',
        letter?.payload.encoding,
      );
      expect(data.equals(body), name).toBe(true);
    }
  });

  it('answers 413 above the body limit and produces nothing', async () => {
    const res = await signed(Buffer.alloc(70 * 1024, 0x20));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: 'WAP_INGRESS_BODY_TOO_LARGE' });
  });

  it('keeps an unknown field as a change like any other', async () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          time: 1,
          changes: [{ field: 'brand_new_field', value: { x: 1 } }],
        },
      ],
    });
    expect((await signed(body)).statusCode).toBe(200);
    const records = await readTopics({
      brokers: brokers(),
      topics: [topics.webhooks],
      until: (r) => r.length >= 1,
    });
    expect(records[0]?.key).toBe('1');
    expect(JSON.parse(records[0]?.value ?? '')).toMatchObject({
      field: 'brand_new_field',
    });
  });

  it('passes the good changes of a body on and keeps the body for the bad ones', async () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        { id: '7', changes: [{ field: 'messages' }] },
        { id: 7 },
        {
          id: '7',
          time: 'soon',
          changes: [{ field: 'good_field', value: {} }],
        },
      ],
    });
    expect((await signed(body)).statusCode).toBe(200);
    const records = await readTopics({
      brokers: brokers(),
      topics: [topics.webhooks, topics.dlq],
      until: (r) => r.some((x) => x.key === '7' && x.topic === topics.webhooks),
      settleMs: 500,
    });
    const good = records.filter(
      (r) => r.key === '7' && r.topic === topics.webhooks,
    );
    expect(good.map((r) => JSON.parse(r.value ?? '') as unknown)).toEqual([
      expect.objectContaining({ field: 'good_field', entryTime: null }),
    ]);
    const letters = records
      .filter((r) => r.topic === topics.dlq)
      .map((r) => deadLetterRecord.parse(JSON.parse(r.value ?? '')));
    expect(
      letters.filter((l) => l.reason === 'WAP_INGRESS_PARTLY_MALFORMED'),
    ).toEqual([
      expect.objectContaining({ detail: '2 malformed entries or changes' }),
    ]);
  });

  it('reads the bytes whatever the Content-Type says, even one nobody can parse', async () => {
    const unsigned = await service.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': ';;;' },
      payload: '{}',
    });
    expect(unsigned.statusCode).toBe(401);

    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '88', changes: [{ field: 'odd_label', value: {} }] }],
    });
    expect((await signed(body, ';;;')).statusCode).toBe(200);
    const records = await readTopics({
      brokers: brokers(),
      topics: [topics.webhooks],
      until: (r) => r.some((x) => x.key === '88'),
    });
    expect(records.filter((r) => r.key === '88')).toHaveLength(1);
  });
});
