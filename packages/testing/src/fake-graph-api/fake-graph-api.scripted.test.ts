import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGraphApi, type FakeGraphApi } from './fake-graph-api.ts';
import type { GraphMediaSpec } from './types.ts';

const TOKEN = 'TEST_ACCESS_TOKEN_SCRIPT';
const auth = { Authorization: `Bearer ${TOKEN}` };
const ID = '300000000000018';

// Shaped like the graph_api section of shared/cases/B18.
const b18Like: GraphMediaSpec = {
  media_id: ID,
  lookup: {
    responses: [
      { status: 503, json: { error: { code: 2, is_transient: true } } },
      {
        status: 200,
        json: {
          url: `{{LOOKASIDE}}/whatsapp_business/attachments/?mid=${ID}&tok=a`,
        },
      },
    ],
    requires_headers: { Authorization: `Bearer ${TOKEN}` },
  },
  download: {
    responses: [
      { status: 503, content_type: 'text/plain', body: 'upstream unavailable' },
      { status: 200, content_type: 'image/jpeg', content_base64: 'AAEC' },
    ],
    by_url_token: {
      expired: { status: 404, body: 'gone' },
      throttled: [{ status: 429 }],
    },
    if_missing_user_agent: {
      status: 200,
      content_type: 'text/html',
      body: '<html>',
    },
  },
};

describe('fake graph api following a script', () => {
  let graph: FakeGraphApi;
  const lookup = () => fetch(`${graph.baseUrl}/v25.0/${ID}`, { headers: auth });
  const download = (tok: string, headers: Record<string, string> = auth) =>
    fetch(
      `${graph.baseUrl}/whatsapp_business/attachments/?mid=${ID}&tok=${tok}`,
      { headers: { 'User-Agent': 'test-agent', ...headers } },
    );

  beforeEach(async () => {
    graph = await startFakeGraphApi();
    graph.script([b18Like], { accessToken: TOKEN });
  });
  afterEach(() => graph.close());

  it('serves the lookup answers in order and repeats the last', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await lookup()).status);
    expect(statuses).toEqual([503, 200, 200]);
  });

  it('replaces {{LOOKASIDE}} with its own base url', async () => {
    await lookup();
    const body = (await (await lookup()).json()) as { url: string };
    expect(body.url).toBe(
      `${graph.baseUrl}/whatsapp_business/attachments/?mid=${ID}&tok=a`,
    );
  });

  it('serves the download answers in order, bytes last', async () => {
    expect((await download('a')).status).toBe(503);
    const ok = await download('a');
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(Buffer.from([0, 1, 2]));
  });

  it('answers by url token', async () => {
    expect((await download('expired')).status).toBe(404);
    const throttled = await download('throttled');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
  });

  it('refuses a call without the required header', async () => {
    const res = await fetch(`${graph.baseUrl}/v25.0/${ID}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 190 } });
    expect((await lookup()).status).toBe(503);
  });

  it('overrides the answer when the user agent is absent', async () => {
    const res = await rawGet(
      `${graph.baseUrl}/whatsapp_business/attachments/?mid=${ID}&tok=a`,
      ['Authorization', `Bearer ${TOKEN}`],
    );
    expect(res.contentType).toBe('text/html');
  });

  it('counts every User-Agent header a call carried', async () => {
    await rawGet(`${graph.baseUrl}/v25.0/${ID}`, [
      'Authorization',
      `Bearer ${TOKEN}`,
      'User-Agent',
      'one',
      'User-Agent',
      'two',
    ]);
    expect(graph.calls.at(-1)?.userAgentCount).toBe(2);
  });
});

/** A GET whose raw header list is exactly `headers` (fetch adds its own UA). */
function rawGet(
  url: string,
  headers: string[],
): Promise<{ status: number; contentType: string | undefined }> {
  return new Promise((resolve, reject) => {
    const host = new URL(url).host;
    const raw = ['Host', host, ...headers];
    const req = request(url, { headers: raw }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
