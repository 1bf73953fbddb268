import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaRequestRecord, type MediaStoredRecord } from '@wapipe/contracts';
import {
  loadCorpus,
  readTopics,
  startFakeGraphApi,
  type CorpusBody,
  type FakeGraphApi,
  type ServedMedia,
} from '@wapipe/testing';
import { PipelineIdleProbe } from '../cases/pipeline-idle.ts';
import { deletePipelineTopics } from '../pipeline/pipeline-topics.ts';
import {
  startPipeline,
  type RunningPipeline,
} from '../pipeline/start-pipeline.ts';
import { mediaInBody, withDigests, type CorpusMedia } from './corpus-media.ts';
import { eventually } from './eventually.ts';
import { brokersFromEnv, requiredEnv } from './fetcher-env.ts';
import {
  readStoredMedia,
  storedFiles,
  type StoredFile,
} from './stored-media.ts';
import { sendAll } from './traffic.ts';

// What the stored file of each announced MIME type must be called.
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'application/pdf': 'pdf',
};
const TOKEN = 'TEST_ACCESS_TOKEN_CORPUS_MEDIA';

const run = `corpus-media-${randomUUID().slice(0, 8)}`;
const brokers = brokersFromEnv();
const corpus = loadCorpus();
const media = corpus.bodies.flatMap(mediaInBody);

let graph: FakeGraphApi;
let pipeline: RunningPipeline;
let mediaDir: string;
let served: Map<string, ServedMedia>;
let bodies: Buffer[];
let firstStored: MediaStoredRecord[];

describe('the pipeline given every media message of the corpus', () => {
  beforeAll(async () => {
    graph = await startFakeGraphApi({ accessToken: TOKEN });
    served = serveEveryMedia(graph);
    bodies = mediaBodies().map((body) => withServedDigests(body));
    mediaDir = await mkdtemp(join(tmpdir(), 'wapipe-corpus-media-'));
    pipeline = await startPipeline({
      kafkaBrokers: brokers,
      redisUrl: requiredEnv('REDIS_URL'),
      topicPrefix: `${run}.`,
      redisKeyPrefix: run,
      appSecrets: [corpus.appSecret],
      graphApi: { baseUrl: graph.baseUrl, accessToken: TOKEN },
      mediaDir,
    });
    expect(
      await sendAll(pipeline.webhookUrl, bodies, 4, corpus.appSecret),
    ).toEqual(bodies.map(() => 200));
    firstStored = await readStoredMedia({
      brokers,
      topic: pipeline.topics.mediaStored,
      until: (records) => records.length >= media.length,
      timeoutMs: 90_000,
    });
  }, 180_000);

  afterAll(async () => {
    await pipeline?.stop();
    await graph?.close();
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
    await deletePipelineTopics(brokers, `${run}.`);
  });

  it('covers image, video, voice and file audio, document and sticker', () => {
    const kinds = media.map((m) => `${m.type}:${m.mimeType}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'image:image/jpeg',
        'image:image/png',
        'video:video/mp4',
        'audio:audio/ogg; codecs=opus',
        'audio:audio/mpeg',
        'document:application/pdf',
        'sticker:image/webp',
      ]),
    );
    // The legacy shape: no webhook url, so only the lookup can find it.
    expect(media.filter((m) => !m.hasUrl)).toHaveLength(1);
  });

  it('publishes one media-stored record per media', () => {
    const ids = firstStored.map((record) => record.mediaId).sort();
    expect(ids).toEqual(media.map((m) => m.mediaId).sort());
  });

  it('asks for each media with the digest the rewritten body announced', async () => {
    const records = await readTopics({
      brokers,
      topics: [pipeline.topics.mediaRequests],
      until: (read) => read.length >= media.length,
    });
    const asked = records.map((r) =>
      mediaRequestRecord.parse(JSON.parse(r.value ?? '')),
    );
    for (const item of media) {
      const request = asked.find((r) => r.mediaId === item.mediaId);
      expect(request?.sha256).toBe(servedFor(item).sha256Base64);
    }
  });

  it.each(media.map((m) => [m.body, m.mediaId, m] as const))(
    'stores %s (%s) under its sha256, size and extension',
    (_body, _id, item) => {
      const record = firstStored.find((r) => r.mediaId === item.mediaId);
      expect(record).toEqual(expectedRecord(item));
    },
  );

  it('writes exactly those files, with those bytes, and no leftovers', async () => {
    const files = await storedFiles(mediaDir);
    expect(sortByKey(files)).toEqual(sortByKey(media.map(expectedFile)));
  });

  describe('when Meta sends every body again', () => {
    beforeAll(async () => {
      expect(
        await sendAll(pipeline.webhookUrl, bodies, 4, corpus.appSecret),
      ).toEqual(bodies.map(() => 200));
      await untilIdle();
    }, 120_000);

    it('publishes no media-stored record and no media request twice', async () => {
      const { mediaStored, mediaRequests, dlq } = pipeline.topics;
      const records = await readTopics({
        brokers,
        topics: [mediaStored, mediaRequests, dlq],
        until: (read) => read.length >= 2 * media.length,
        settleMs: 1_000,
      });
      const on = (topic: string) => records.filter((r) => r.topic === topic);
      expect(on(mediaStored)).toHaveLength(media.length);
      expect(on(mediaRequests)).toHaveLength(media.length);
      expect(on(dlq)).toEqual([]);
    });

    it('downloads every media only once', () => {
      for (const item of media) {
        expect(graph.callsFor(item.mediaId, 'download')).toHaveLength(1);
      }
    });

    it('stores no file twice', async () => {
      expect(await storedFiles(mediaDir)).toHaveLength(media.length);
    });
  });
});

function mediaBodies(): CorpusBody[] {
  const names = new Set(media.map((m) => m.body));
  return corpus.bodies.filter((body) => names.has(body.name));
}

// Distinct bytes for every media id: equal bytes would share one object.
function serveEveryMedia(api: FakeGraphApi): Map<string, ServedMedia> {
  const out = new Map<string, ServedMedia>();
  media.forEach((item, index) => {
    const size = item.type === 'video' ? 3 * 1024 * 1024 : 40_000 + index;
    const bytes = randomBytes(size);
    out.set(item.mediaId, api.serveMedia(item.mediaId, bytes, item.mimeType));
  });
  return out;
}

// The corpus digests are of bytes nobody has; announce the served ones
// and sign the rewritten body like Meta would.
function withServedDigests(body: CorpusBody): Buffer {
  const digests = new Map(
    mediaInBody(body).map((m) => [m.sha256, servedFor(m).sha256Base64]),
  );
  return withDigests(body.raw, digests);
}

function servedFor(item: CorpusMedia): ServedMedia {
  const found = served.get(item.mediaId);
  if (!found) throw new Error(`media ${item.mediaId} is not served`);
  return found;
}

function extensionOf(item: CorpusMedia): string {
  const essence = item.mimeType.split(';')[0]?.trim() ?? '';
  const extension = EXTENSIONS[essence];
  if (!extension) throw new Error(`no expected extension for ${essence}`);
  return extension;
}

function expectedFile(item: CorpusMedia): StoredFile {
  const bytes = servedFor(item);
  const key = `${item.phoneNumberId}/${bytes.sha256Hex}.${extensionOf(item)}`;
  return { key, sha256: bytes.sha256Hex, size: bytes.size };
}

function expectedRecord(item: CorpusMedia): MediaStoredRecord {
  const file = expectedFile(item);
  return expect.objectContaining({
    phoneNumberId: item.phoneNumberId,
    mediaId: item.mediaId,
    storageKey: file.key,
    storageUri: pathToFileURL(join(mediaDir, ...file.key.split('/'))).href,
    sha256: file.sha256,
    size: file.size,
    mimeType: item.mimeType,
    extension: extensionOf(item),
  }) as MediaStoredRecord;
}

function sortByKey(files: StoredFile[]): StoredFile[] {
  return [...files].sort((a, b) => a.key.localeCompare(b.key));
}

// Every stage committed up to the end of its input: whatever the second
// sending could cause has happened.
async function untilIdle(): Promise<void> {
  const probe = new PipelineIdleProbe(brokers, pipeline);
  await probe.connect();
  try {
    await eventually(
      'pipeline idle',
      async () => ((await probe.isIdle()) ? true : undefined),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  } finally {
    await probe.disconnect();
  }
}
