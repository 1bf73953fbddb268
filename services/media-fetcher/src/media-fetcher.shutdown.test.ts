import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicNames, type MediaStoredRecord } from '@wapipe/contracts';
import {
  ensureStack,
  readTopics,
  startFakeGraphApi,
  type FakeGraphApi,
} from '@wapipe/testing';
import { loadMediaFetcherConfig } from './config.ts';
import { buildMediaFetcher, type MediaFetcher } from './media-fetcher.ts';
import { eventually, sha256Hex, tempDir } from './test-support.ts';

const TOKEN = 'TEST_ACCESS_TOKEN_SHUTDOWN';
const PNID = '200000000000001';
const MEDIA_ID = '320000000000001';
const BYTES = Buffer.from('slow-media-bytes-for-the-shutdown-test');
const run = `mf-stop-${randomUUID().slice(0, 8)}`;
const topics = topicNames(`${run}.`);

let graph: FakeGraphApi;
let redis: Redis;
let stack: { kafkaBrokers: string[]; redisUrl: string };
const started: MediaFetcher[] = [];

describe('media fetcher stopped during a download', () => {
  beforeAll(async () => {
    stack = await ensureStack();
    redis = new Redis(stack.redisUrl);
    graph = await startFakeGraphApi({ accessToken: TOKEN });
    graph.script([slowMedia()]);
  }, 180_000);

  afterAll(async () => {
    for (const fetcher of started) await fetcher.stop();
    await graph?.close();
    await redis?.quit();
  });

  it('hands the request back and another instance stores it once', async () => {
    const first = await startFetcher();
    await produceRequest();
    await eventually(() => graph.callsFor(MEDIA_ID, 'download')[0]);
    await first.stop();

    const metrics = await first.registry.metrics();
    expect(metrics).toMatch(/outcome="handed_back"[^}]*\} 1/);
    expect(await redis.get(`${run}:media:{${PNID}:${MEDIA_ID}}`)).toBeNull();

    await startFetcher();
    const records = await readTopics({
      brokers: stack.kafkaBrokers,
      topics: [topics.mediaStored],
      until: (read) => read.length >= 1,
      timeoutMs: 60_000,
      settleMs: 1_000,
    });
    const stored = records.map(
      (r) => JSON.parse(r.value ?? '') as MediaStoredRecord,
    );
    expect(stored).toEqual([
      expect.objectContaining({ mediaId: MEDIA_ID, sha256: sha256Hex(BYTES) }),
    ]);
  }, 120_000);
});

function slowMedia() {
  const served = {
    status: 200,
    content_type: 'image/jpeg',
    content_base64: BYTES.toString('base64'),
  };
  return {
    media_id: MEDIA_ID,
    lookup: {
      responses: [
        {
          status: 200,
          json: {
            url: `{{LOOKASIDE}}/whatsapp_business/attachments/?mid=${MEDIA_ID}&tok=t`,
            mime_type: 'image/jpeg',
            sha256: sha256Hex(BYTES),
            file_size: BYTES.length,
            id: MEDIA_ID,
          },
        },
      ],
    },
    // The first download stalls far longer than the drain budget.
    download: { responses: [{ ...served, delay_ms: 5_000 }, served] },
  };
}

async function startFetcher(): Promise<MediaFetcher> {
  const config = loadMediaFetcherConfig({
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    REDIS_URL: stack.redisUrl,
    TOPIC_PREFIX: `${run}.`,
    REDIS_KEY_PREFIX: run,
    CONSUMER_GROUP: `${run}-group`,
    GRAPH_API_BASE_URL: graph.baseUrl,
    GRAPH_ACCESS_TOKEN: TOKEN,
    MEDIA_DIR: await tempDir('shutdown'),
    SHUTDOWN_TIMEOUT_MS: '1000',
  });
  const fetcher = buildMediaFetcher(config, {
    logger: pino({ level: 'silent' }),
  });
  await fetcher.start();
  started.push(fetcher);
  return fetcher;
}

async function produceRequest(): Promise<void> {
  const kafka = new Kafka({
    brokers: stack.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  await producer.connect();
  const value = JSON.stringify({
    version: 1,
    webhookId: 'webhook-shutdown',
    receivedAt: new Date().toISOString(),
    wabaId: '100000000000001',
    phoneNumberId: PNID,
    wamid: 'wamid.shutdown',
    messageType: 'image',
    mediaId: MEDIA_ID,
    mimeType: 'image/jpeg',
    sha256: null,
    url: null,
    filename: null,
  });
  await producer.send({
    topic: topics.mediaRequests,
    acks: -1,
    messages: [{ key: PNID, value }],
  });
  await producer.disconnect();
}
