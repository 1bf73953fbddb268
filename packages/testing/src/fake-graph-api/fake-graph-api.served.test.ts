import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGraphApi, type FakeGraphApi } from './fake-graph-api.ts';

const TOKEN = 'TEST_TOKEN_SERVED';
const BYTES = Buffer.from('fake-jpeg-bytes');
const auth = { Authorization: `Bearer ${TOKEN}` };

describe('fake graph api serving media from bytes', () => {
  let graph: FakeGraphApi;

  beforeEach(async () => {
    graph = await startFakeGraphApi({ accessToken: TOKEN, urlTtlMs: 200 });
    graph.serveMedia('300000000000001', BYTES, 'image/jpeg');
  });
  afterEach(() => graph.close());

  const lookup = (headers: Record<string, string> = auth) =>
    fetch(`${graph.baseUrl}/v25.0/300000000000001`, { headers });

  it('answers a lookup like Meta, with a lookaside url', async () => {
    const res = await lookup();
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      messaging_product: 'whatsapp',
      mime_type: 'image/jpeg',
      sha256: createHash('sha256').update(BYTES).digest('hex'),
      file_size: BYTES.length,
      id: '300000000000001',
    });
    expect(String(body.url)).toMatch(
      new RegExp(`^${graph.baseUrl}/whatsapp_business/attachments/\\?mid=`),
    );
  });

  it('serves the bytes at that url with the bearer token', async () => {
    const { url } = (await (await lookup()).json()) as { url: string };
    const res = await fetch(url, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/jpeg/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(BYTES);
  });

  it('refuses the url without the bearer token', async () => {
    const { url } = (await (await lookup()).json()) as { url: string };
    const res = await fetch(url);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { type: 'OAuthException', code: 190 },
    });
  });

  it('answers 404 once the url has expired', async () => {
    const { url } = (await (await lookup()).json()) as { url: string };
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await fetch(url, { headers: auth })).status).toBe(404);
  });

  it('refuses a lookup with a wrong token with code 190', async () => {
    const res = await lookup({ Authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 190 } });
  });

  it('answers an unknown media id with code 100 subcode 33', async () => {
    const res = await fetch(`${graph.baseUrl}/v25.0/999`, { headers: auth });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 100, error_subcode: 33 },
    });
  });

  it('records every call with its kind, headers and status', async () => {
    await lookup();
    const calls = graph.callsFor('300000000000001', 'lookup');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      kind: 'lookup',
      path: '/v25.0/300000000000001',
      status: 200,
      userAgentCount: 1,
    });
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
