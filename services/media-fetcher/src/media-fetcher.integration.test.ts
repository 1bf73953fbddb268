import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  topicNames,
  type DeadLetterRecord,
  type MediaRequestRecord,
  type MediaStoredRecord,
} from '@wapipe/contracts';
import {
  ensureStack,
  readTopics,
  startFakeGraphApi,
  type FakeGraphApi,
  type ReadRecord,
} from '@wapipe/testing';
import { loadMediaFetcherConfig } from './config.ts';
import { buildMediaFetcher, type MediaFetcher } from './media-fetcher.ts';
import { eventually, sha256Hex, tempDir } from './test-support.ts';

const TOKEN = 'TEST_ACCESS_TOKEN_INTEGRATION';
const PNID = '200000000000001';
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
// Distinct bytes per media: equal bytes share one content-addressed object.
const JPEG = Buffer.from('/9j/4AAQ-integration-jpeg-bytes', 'utf8');
const JPEG_B = Buffer.from('/9j/4AAQ-integration-jpeg-bytes-b', 'utf8');
const JPEG_C = Buffer.from('/9j/4AAQ-integration-jpeg-bytes-c', 'utf8');
const OGG = Buffer.from('OggS-integration-opus-bytes', 'utf8');
const ID = {
  transient: '310000000000001',
  expired: '310000000000002',
  mismatch: '310000000000003',
  voice: '310000000000004',
};

const run = `mf-${randomUUID().slice(0, 8)}`;
const topics = topicNames(`${run}.`);
const logLines: string[] = [];
let graph: FakeGraphApi;
let fetcher: MediaFetcher;
let producer: Producer;
let redis: Redis;
let brokers: string[];
let stored: MediaStoredRecord[] = [];
let storedRaw: ReadRecord[] = [];
let dead: DeadLetterRecord[] = [];

describe('media fetcher on a real Kafka and Redis', () => {
  beforeAll(async () => {
    const stack = await ensureStack();
    brokers = stack.kafkaBrokers;
    redis = new Redis(stack.redisUrl);
    graph = await startFakeGraphApi({ accessToken: TOKEN });
    scriptGraph();
    fetcher = await startFetcher(stack.redisUrl);
    producer = await connectProducer();
    await produceRequests();
    await readOutputs((s, d) => s.length >= 3 && d.length >= 2);
  }, 180_000);

  afterAll(async () => {
    await producer?.disconnect();
    await fetcher?.stop();
    await graph?.close();
    await redis?.quit();
  });

  it('stores media whose lookup and download failed once with 503', async () => {
    const record = storedFor(ID.transient);
    expect(record).toMatchObject({
      phoneNumberId: PNID,
      wamid: `wamid.${ID.transient}`,
      sha256: sha256Hex(JPEG),
      size: JPEG.length,
      extension: 'jpg',
      storageKey: `${PNID}/${sha256Hex(JPEG)}.jpg`,
    });
    const bytes = await readFile(fileURLToPath(record?.storageUri ?? ''));
    expect(bytes).toEqual(JPEG);
    expect(
      graph.callsFor(ID.transient, 'lookup').length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      graph.callsFor(ID.transient, 'download').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('stores and publishes a media requested twice only once', () => {
    expect(stored.filter((r) => r.mediaId === ID.transient)).toHaveLength(1);
  });

  it('resolves the id again when the download url expired', () => {
    expect(storedFor(ID.expired)).toBeDefined();
    const tokens = graph
      .callsFor(ID.expired, 'download')
      .map((c) => c.urlToken);
    expect(tokens).toEqual(['old', 'new']);
  });

  it('never stores bytes whose sha256 differs; dead-letters them', () => {
    expect(storedFor(ID.mismatch)).toBeUndefined();
    const letter = dead.find((d) => d.origin?.key === `key-${ID.mismatch}`);
    expect(letter).toMatchObject({
      stage: 'media-fetcher',
      reason: 'WAP_MEDIA_DIGEST_MISMATCH',
      attempts: 3,
      origin: { topic: topics.mediaRequests },
    });
  });

  it('dead-letters a record that is not a media request', () => {
    expect(dead.find((d) => d.origin?.key === 'key-garbage')).toMatchObject({
      reason: 'WAP_MEDIA_INVALID_REQUEST',
      attempts: 0,
      payload: { encoding: 'utf8', data: 'not json at all' },
    });
  });

  it('names files by MIME type and keeps the sender filename as data', () => {
    expect(storedFor(ID.voice)).toMatchObject({
      extension: 'ogg',
      mimeType: 'audio/ogg; codecs=opus',
      filename: '../../Invoice 03/2024.PDF',
      storageKey: `${PNID}/${sha256Hex(OGG)}.ogg`,
    });
  });

  it('keys records by phone number id and carries the trace', () => {
    const raw = storedRaw.find((r) => r.value?.includes(ID.voice));
    expect(raw?.key).toBe(PNID);
    expect(raw?.headers.traceparent).toBe(TRACEPARENT);
    expect(raw?.headers['webhook-id']).toBe(`webhook-${ID.voice}`);
  });

  it('marks stored media done in Redis for at least eight days', async () => {
    const key = `${run}:media:{${PNID}:${ID.transient}}`;
    expect(await redis.get(key)).toBe('done');
    expect(await redis.ttl(key)).toBeGreaterThan(8 * 24 * 3600 - 600);
  });

  it('counts outcomes and Graph errors by code', async () => {
    const text = await fetcher.registry.metrics();
    expect(text).toMatch(
      /wapipe_media_downloads_total\{outcome="stored"[^}]*\} 3/,
    );
    expect(text).toMatch(
      /wapipe_media_downloads_total\{outcome="dead_lettered"[^}]*\} 2/,
    );
    expect(text).toMatch(/wapipe_media_graph_errors_total\{code="2"/);
    const bytes = JPEG.length + JPEG_B.length + OGG.length;
    expect(text).toMatch(
      new RegExp(`wapipe_media_bytes_total\\{[^}]*\\} ${bytes}\n`),
    );
  });

  it('logs outcomes without the access token', () => {
    const messages = logLines.map(
      (line) => JSON.parse(line) as { msg: string },
    );
    expect(messages.map((m) => m.msg)).toContain('media stored');
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('publishes nothing more when Meta redelivers a finished media', async () => {
    await produce([request(ID.transient)]);
    await eventually(async () => {
      const text = await fetcher.registry.metrics();
      return /outcome="duplicate"[^}]*\} 2/.test(text) ? true : undefined;
    });
    await readOutputs((s) => s.length >= 3, 1_000);
    expect(stored.filter((r) => r.mediaId === ID.transient)).toHaveLength(1);
  }, 60_000);
});

function scriptGraph(): void {
  const url = (id: string, tok: string) =>
    `{{LOOKASIDE}}/whatsapp_business/attachments/?mid=${id}&tok=${tok}`;
  const found = (
    id: string,
    bytes: Buffer,
    tok = 't',
    mime = 'image/jpeg',
  ) => ({
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
  const unavailable = {
    status: 503,
    json: { error: { code: 2, is_transient: true } },
  };
  graph.script([
    {
      media_id: ID.transient,
      lookup: { responses: [unavailable, found(ID.transient, JPEG)] },
      download: {
        responses: [
          { status: 503, body: 'upstream unavailable' },
          served(JPEG),
        ],
      },
    },
    {
      media_id: ID.expired,
      lookup: {
        responses: [
          found(ID.expired, JPEG_B, 'old'),
          found(ID.expired, JPEG_B, 'new'),
        ],
      },
      download: {
        by_url_token: {
          old: { status: 404, body: 'expired' },
          new: served(JPEG_B),
        },
      },
    },
    {
      media_id: ID.mismatch,
      lookup: { responses: [found(ID.mismatch, JPEG_C)] },
      download: { responses: [served(Buffer.from(JPEG_C).fill(0x41, 0, 4))] },
    },
    {
      media_id: ID.voice,
      lookup: {
        responses: [found(ID.voice, OGG, 't', 'audio/ogg; codecs=opus')],
      },
      download: { responses: [served(OGG, 'audio/ogg')] },
    },
  ]);
}

async function startFetcher(redisUrl: string): Promise<MediaFetcher> {
  const config = loadMediaFetcherConfig({
    KAFKA_BROKERS: brokers.join(','),
    REDIS_URL: redisUrl,
    TOPIC_PREFIX: `${run}.`,
    REDIS_KEY_PREFIX: run,
    KAFKA_TOPIC_PARTITIONS: '2',
    CONSUMER_GROUP: `${run}-group`,
    GRAPH_API_BASE_URL: graph.baseUrl,
    GRAPH_ACCESS_TOKEN: TOKEN,
    MEDIA_DIR: await tempDir('integration'),
    MEDIA_MAX_ATTEMPTS: '3',
    MEDIA_RETRY_BASE_MS: '20',
    MEDIA_RETRY_MAX_MS: '200',
  });
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void logLines.push(line) },
  );
  const built = buildMediaFetcher(config, { logger });
  await built.start();
  return built;
}

async function connectProducer(): Promise<Producer> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const created = kafka.producer();
  await created.connect();
  return created;
}

function request(mediaId: string, extra: Partial<MediaRequestRecord> = {}) {
  const record: MediaRequestRecord = {
    version: 1,
    webhookId: `webhook-${mediaId}`,
    receivedAt: new Date().toISOString(),
    wabaId: '100000000000001',
    phoneNumberId: PNID,
    wamid: `wamid.${mediaId}`,
    messageType: 'image',
    mediaId,
    mimeType: 'image/jpeg',
    sha256: null,
    url: null,
    filename: null,
    ...extra,
  };
  return {
    key: `key-${mediaId}`,
    value: JSON.stringify(record),
    headers: { traceparent: TRACEPARENT, 'webhook-id': record.webhookId },
  };
}

function produce(
  messages: { key: string; value: string; headers?: Record<string, string> }[],
) {
  return producer.send({ topic: topics.mediaRequests, acks: -1, messages });
}

async function produceRequests(): Promise<void> {
  await produce([
    request(ID.transient),
    request(ID.transient),
    request(ID.expired),
    request(ID.mismatch),
    request(ID.voice, {
      messageType: 'document',
      mimeType: 'audio/ogg; codecs=opus',
      filename: '../../Invoice 03/2024.PDF',
    }),
    { key: 'key-garbage', value: 'not json at all' },
  ]);
}

async function readOutputs(
  until: (s: MediaStoredRecord[], d: DeadLetterRecord[]) => boolean,
  settleMs = 0,
): Promise<void> {
  const records = await readTopics({
    brokers,
    topics: [topics.mediaStored, topics.dlq],
    until: (read) => until(...split(read)),
    timeoutMs: 60_000,
    settleMs,
  });
  [stored, dead] = split(records);
  storedRaw = records.filter((r) => r.topic === topics.mediaStored);
}

function split(
  records: ReadRecord[],
): [MediaStoredRecord[], DeadLetterRecord[]] {
  const parse = <T>(topic: string) =>
    records
      .filter((r) => r.topic === topic)
      .map((r) => JSON.parse(r.value ?? 'null') as T);
  return [
    parse<MediaStoredRecord>(topics.mediaStored),
    parse<DeadLetterRecord>(topics.dlq),
  ];
}

function storedFor(mediaId: string): MediaStoredRecord | undefined {
  return stored.find((r) => r.mediaId === mediaId);
}
