import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startFakeGraphApi, type FakeGraphApi } from '@wapipe/testing';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchMedia, type FetchDeps } from './fetch-media.ts';
import { createLocalStorage } from './local-storage.ts';
import { createMediaMetrics } from './metrics.ts';
import type { MediaJob } from './store-media.ts';
import { sha256Hex, tempDir } from './test-support.ts';

const TOKEN = 'TEST_ACCESS_TOKEN_FETCH';
const UA = 'wapipe-test/1';
const BYTES = Buffer.from('fake-jpeg-body-for-fetch-tests');
const OTHER = Buffer.from('not-the-announced-bytes');
const PNID = '200000000000001';

let graph: FakeGraphApi;
let dir: string;
let deps: FetchDeps;
let mediaSeq = 0;

beforeAll(async () => {
  graph = await startFakeGraphApi({ accessToken: TOKEN });
});
afterAll(() => graph.close());
beforeEach(async () => {
  dir = await tempDir('fetch');
  deps = depsFor(dir);
});

function depsFor(mediaDir: string): FetchDeps {
  return {
    storage: createLocalStorage(mediaDir),
    download: { userAgent: UA, timeoutMs: 5_000 },
    maxBytes: 1_000_000,
    logger: pino({ level: 'silent' }),
    graph: {
      baseUrl: graph.baseUrl,
      version: 'v25.0',
      userAgent: UA,
      timeoutMs: 5_000,
    },
    backoff: { baseMs: 10, maxMs: 2_000 },
    maxAttempts: 4,
    metrics: createMediaMetrics(new Registry()),
  };
}

function job(mediaId: string): MediaJob {
  return {
    mediaId,
    owner: PNID,
    phoneNumberId: PNID,
    token: TOKEN,
    webhookSha256: null,
    requestMime: 'image/jpeg',
    filename: null,
  };
}

const nextId = () => `30000000000${String((mediaSeq += 1)).padStart(4, '0')}`;
const url = (id: string, tok: string) =>
  `{{LOOKASIDE}}/whatsapp_business/attachments/?mid=${id}&tok=${tok}`;
const found = (id: string, tok = 't', bytes = BYTES, mime = 'image/jpeg') => ({
  status: 200,
  json: {
    messaging_product: 'whatsapp',
    url: url(id, tok),
    mime_type: mime,
    sha256: sha256Hex(bytes),
    file_size: bytes.length,
    id,
  },
});
const served = (bytes: Buffer, type = 'image/jpeg') => ({
  status: 200,
  content_type: type,
  content_base64: bytes.toString('base64'),
});
const run = (id: string, signal = new AbortController().signal) =>
  fetchMedia(deps, job(id), signal);

describe('fetchMedia', () => {
  it('retries a 503 lookup and a 503 download, then stores once', async () => {
    const id = nextId();
    graph.script([
      {
        media_id: id,
        lookup: {
          responses: [
            { status: 503, json: { error: { code: 2, is_transient: true } } },
            found(id),
          ],
        },
        download: {
          responses: [
            { status: 503, body: 'upstream unavailable' },
            served(BYTES),
          ],
        },
      },
    ]);
    const result = await run(id);
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    if (!result.ok) return;
    expect(result.stored.key).toBe(`${PNID}/${sha256Hex(BYTES)}.jpg`);
    expect(await readFile(fileURLToPath(result.stored.uri))).toEqual(BYTES);
    expect(graph.callsFor(id, 'lookup')).toHaveLength(2);
    expect(graph.callsFor(id, 'download')).toHaveLength(2);
  });

  it('sends the bearer token and exactly one User-Agent on every call', async () => {
    const id = nextId();
    graph.script([
      {
        media_id: id,
        lookup: { responses: [found(id)] },
        download: { responses: [served(BYTES)] },
      },
    ]);
    await run(id);
    for (const call of graph.callsFor(id)) {
      expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(call.headers['user-agent']).toBe(UA);
      expect(call.userAgentCount).toBe(1);
    }
    expect(graph.callsFor(id, 'lookup')[0]?.query.phone_number_id).toBe(PNID);
  });

  it('resolves the id again when the download url has expired', async () => {
    const id = nextId();
    graph.script([
      {
        media_id: id,
        lookup: { responses: [found(id, 'old'), found(id, 'new')] },
        download: {
          by_url_token: {
            old: { status: 404, body: 'expired' },
            new: served(BYTES),
          },
        },
      },
    ]);
    expect(await run(id)).toMatchObject({ ok: true, attempts: 2 });
    expect(graph.callsFor(id, 'lookup')).toHaveLength(2);
    expect(graph.callsFor(id, 'download').map((c) => c.urlToken)).toEqual([
      'old',
      'new',
    ]);
  });

  it('never stores bytes whose sha256 differs, and gives up', async () => {
    const id = nextId();
    graph.script([
      {
        media_id: id,
        lookup: { responses: [found(id)] },
        download: { responses: [served(OTHER)] },
      },
    ]);
    const result = await run(id);
    expect(result).toMatchObject({
      ok: false,
      attempts: 4,
      error: { code: 'WAP_MEDIA_SIZE_MISMATCH' },
    });
    // The empty `.incoming/` folder may stay; no file may be in it.
    expect(await readdir(dir, { recursive: true })).not.toContainEqual(
      expect.stringMatching(/\.jpg$|incoming\/./),
    );
  });

  it('never stores same-size bytes with another digest', async () => {
    const id = nextId();
    const forged = Buffer.from(BYTES);
    forged[0] = 0x00;
    graph.script([
      {
        media_id: id,
        lookup: { responses: [found(id)] },
        download: { responses: [served(forged)] },
      },
    ]);
    const result = await run(id);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'WAP_MEDIA_DIGEST_MISMATCH' },
    });
    // The empty `.incoming/` folder may stay; no file may be in it.
    expect(await readdir(dir, { recursive: true })).not.toContainEqual(
      expect.stringMatching(/\.jpg$|incoming\/./),
    );
  });

  it('refuses an HTML page served as the media', async () => {
    const id = nextId();
    graph.script([
      {
        media_id: id,
        lookup: { responses: [found(id)] },
        download: {
          responses: [
            {
              status: 200,
              content_type: 'text/html',
              body: '<html>login</html>',
            },
          ],
        },
      },
    ]);
    expect(await run(id)).toMatchObject({
      ok: false,
      error: { code: 'WAP_MEDIA_UNEXPECTED_CONTENT' },
    });
  });

  it('waits out a 429 Retry-After before the next lookup', async () => {
    const id = nextId();
    graph.script([
      {
        media_id: id,
        lookup: {
          responses: [
            { status: 429, retry_after: 1, json: { error: { code: 80007 } } },
            found(id),
          ],
        },
        download: { responses: [served(BYTES)] },
      },
    ]);
    const result = await run(id);
    const [first, second] = graph.callsFor(id, 'lookup');
    expect(result.ok).toBe(true);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('gives up at once on an expired media id (100/33)', async () => {
    const result = await run('399999999999999');
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      error: { code: 'WAP_MEDIA_GONE', retriable: false },
    });
  });

  it('gives up at once on an invalid token (190)', async () => {
    const id = nextId();
    graph.serveMedia(id, BYTES, 'image/jpeg');
    const result = await fetchMedia(
      deps,
      { ...job(id), token: 'revoked' },
      new AbortController().signal,
    );
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      error: { code: 'WAP_MEDIA_TOKEN_INVALID' },
    });
  });

  it('reuses stored bytes without downloading them again', async () => {
    const id = nextId();
    graph.serveMedia(id, BYTES, 'image/jpeg');
    const first = await run(id);
    const second = await run(id);
    expect(first).toMatchObject({ ok: true, stored: { created: true } });
    expect(second).toMatchObject({
      ok: true,
      stored: { created: false, size: BYTES.length },
    });
    expect(graph.callsFor(id, 'download')).toHaveLength(1);
  });

  it('names the file by MIME type, never by the sender filename', async () => {
    const id = nextId();
    graph.serveMedia(id, BYTES, 'audio/ogg; codecs=opus');
    const result = await fetchMedia(
      deps,
      { ...job(id), filename: '../../Invoice 03/2024.PDF' },
      new AbortController().signal,
    );
    expect(result).toMatchObject({
      ok: true,
      stored: { extension: 'ogg', mimeType: 'audio/ogg; codecs=opus' },
    });
    if (result.ok)
      expect(result.stored.key).toMatch(/^200000000000001\/[0-9a-f]{64}\.ogg$/);
  });

  it('verifies against the webhook digest when the lookup has none', async () => {
    const id = nextId();
    const noDigest: Record<string, unknown> = { ...found(id).json };
    delete noDigest.sha256;
    graph.script([
      {
        media_id: id,
        lookup: { responses: [{ status: 200, json: noDigest }] },
        download: { responses: [served(BYTES)] },
      },
    ]);
    const webhookSha256 = Buffer.from(sha256Hex(BYTES), 'hex').toString(
      'base64',
    );
    const result = await fetchMedia(
      deps,
      { ...job(id), webhookSha256 },
      new AbortController().signal,
    );
    expect(result).toMatchObject({
      ok: true,
      stored: { sha256Hex: sha256Hex(BYTES) },
    });
  });

  it('hands the work back when shutdown aborts a wait', async () => {
    const id = nextId();
    graph.script([
      {
        media_id: id,
        lookup: { responses: [{ status: 429, retry_after: 5 }] },
      },
    ]);
    const controller = new AbortController();
    const fetching = run(id, controller.signal);
    setTimeout(() => controller.abort(), 100);
    await expect(fetching).rejects.toMatchObject({ code: 'WAP_MEDIA_ABORTED' });
  });
});
