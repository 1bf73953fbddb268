import { randomBytes, randomUUID } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicNames, type MediaStoredRecord } from '@wapipe/contracts';
import {
  buildMediaFetcher,
  loadMediaFetcherConfig,
  type MediaFetcher,
} from '@wapipe/media-fetcher';
import {
  ensureS3,
  startFakeGraphApi,
  type FakeGraphApi,
  type S3Credentials,
  type ServedMedia,
} from '@wapipe/testing';
import {
  createPipelineTopics,
  deletePipelineTopics,
} from '../pipeline/pipeline-topics.ts';
import { brokersFromEnv, fetcherEnv } from './fetcher-env.ts';
import {
  PHONE_NUMBER_ID,
  mediaRequest,
  produceMediaRequests,
} from './media-requests.ts';
import { MIB } from './process-memory.ts';
import { readStoredMedia, sha256Hex } from './stored-media.ts';

const TOKEN = 'TEST_ACCESS_TOKEN_S3_MEDIA';
const OTHER_PHONE_NUMBER_ID = '200000000000002';

interface Sample {
  mediaId: string;
  mimeType: string;
  extension: string;
  size: number;
  phoneNumberId: string;
  filename?: string;
}

const IMAGE = sample('940000000000001', 'image/jpeg', 'jpg', 48_000);
const VOICE = sample(
  '940000000000002',
  'audio/ogg; codecs=opus',
  'ogg',
  20_000,
  {
    phoneNumberId: OTHER_PHONE_NUMBER_ID,
  },
);
const PDF = sample('940000000000003', 'application/pdf', 'pdf', 1 * MIB, {
  filename: 'Invoice 03 (final).pdf',
});
// The fetcher uploads in 8 MiB parts: 20 MiB takes three.
const VIDEO = sample('940000000000004', 'video/mp4', 'mp4', 20 * MIB);
const SAMPLES = [IMAGE, VOICE, PDF, VIDEO];
const SAME_BYTES_ID = '940000000000005';

const run = `s3-media-${randomUUID().slice(0, 8)}`;
const bucket = run;
const topics = topicNames(`${run}.`);
const brokers = brokersFromEnv();

let s3: S3Credentials;
let client: S3Client;
let graph: FakeGraphApi;
let fetcher: MediaFetcher;
const served = new Map<string, ServedMedia>();
let stored: MediaStoredRecord[];

describe('media fetcher storing to S3 (SeaweedFS)', () => {
  beforeAll(async () => {
    s3 = await ensureS3();
    client = s3Client(s3);
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    graph = await startFakeGraphApi({ accessToken: TOKEN });
    for (const item of SAMPLES)
      serve(item.mediaId, item, randomBytes(item.size));
    await createPipelineTopics(brokers, `${run}.`);
    fetcher = buildMediaFetcher(loadMediaFetcherConfig(s3Env()), {
      logger: pino({ level: 'warn' }),
    });
    await fetcher.start();
    await produceMediaRequests(
      brokers,
      topics.mediaRequests,
      SAMPLES.map(requestOf),
    );
    stored = await readStoredMedia({
      brokers,
      topic: topics.mediaStored,
      until: (records) => records.length >= SAMPLES.length,
      timeoutMs: 120_000,
    });
  }, 300_000);

  afterAll(async () => {
    await fetcher?.stop();
    await graph?.close();
    if (client) await removeBucket();
    client?.destroy();
    await deletePipelineTopics(brokers, `${run}.`);
  });

  it.each(SAMPLES.map((item) => [item.mimeType, item.size, item] as const))(
    'stores %s of %i bytes at {phone_number_id}/{sha256}.{ext}',
    async (_mime, _size, item) => {
      const bytes = servedFor(item.mediaId);
      const key = keyOf(item, bytes);
      expect(recordFor(item.mediaId)).toMatchObject({
        storageKey: key,
        storageUri: `s3://${bucket}/${key}`,
        sha256: bytes.sha256Hex,
        size: bytes.size,
      });
      const object = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key }),
      );
      const body = Buffer.from(
        (await object.Body?.transformToByteArray()) ?? [],
      );
      expect(sha256Hex(body)).toBe(bytes.sha256Hex);
      expect(object.ContentLength).toBe(bytes.size);
      expect(object.ContentType).toBe(item.mimeType);
      expect(object.Metadata?.['media-id']).toBe(item.mediaId);
    },
  );

  it('uploads the 20 MiB video in three parts', async () => {
    const key = keyOf(VIDEO, servedFor(VIDEO.mediaId));
    const head = await client.send(
      new HeadObjectCommand({ Bucket: bucket, Key: key, PartNumber: 1 }),
    );
    expect(head.PartsCount).toBe(3);
    expect(head.ETag).toMatch(/-3"$/);
  });

  it('keeps the sender filename as metadata, never in the key', async () => {
    const key = keyOf(PDF, servedFor(PDF.mediaId));
    const head = await client.send(
      new HeadObjectCommand({ Bucket: bucket, Key: key }),
    );
    expect(decodeURIComponent(head.Metadata?.filename ?? '')).toBe(
      PDF.filename,
    );
    expect(recordFor(PDF.mediaId).filename).toBe(PDF.filename);
  });

  it('leaves exactly those objects and no unfinished upload', async () => {
    expect(await bucketKeys()).toEqual(
      SAMPLES.map((item) => keyOf(item, servedFor(item.mediaId))).sort(),
    );
    const uploads = await client.send(
      new ListMultipartUploadsCommand({ Bucket: bucket }),
    );
    expect(uploads.Uploads ?? []).toEqual([]);
  });

  describe('when another message carries bytes already stored', () => {
    let again: MediaStoredRecord | undefined;

    beforeAll(async () => {
      serve(SAME_BYTES_ID, PDF, servedFor(PDF.mediaId).bytes);
      await produceMediaRequests(brokers, topics.mediaRequests, [
        requestOf({ ...PDF, mediaId: SAME_BYTES_ID }),
      ]);
      const records = await readStoredMedia({
        brokers,
        topic: topics.mediaStored,
        until: (read) => read.some((r) => r.mediaId === SAME_BYTES_ID),
      });
      again = records.find((r) => r.mediaId === SAME_BYTES_ID);
    }, 120_000);

    it('publishes its record with the existing key', () => {
      expect(again?.storageKey).toBe(recordFor(PDF.mediaId).storageKey);
    });

    it('finds the object with HeadObject and downloads nothing', async () => {
      expect(graph.callsFor(SAME_BYTES_ID, 'lookup')).toHaveLength(1);
      expect(graph.callsFor(SAME_BYTES_ID, 'download')).toEqual([]);
      expect(await bucketKeys()).toHaveLength(SAMPLES.length);
    });
  });
});

function sample(
  mediaId: string,
  mimeType: string,
  extension: string,
  size: number,
  extra: Partial<Sample> = {},
): Sample {
  return {
    mediaId,
    mimeType,
    extension,
    size,
    phoneNumberId: PHONE_NUMBER_ID,
    ...extra,
  };
}

function serve(id: string, item: Sample, bytes: Buffer): void {
  served.set(id, graph.serveMedia(id, bytes, item.mimeType));
}

function servedFor(mediaId: string): ServedMedia {
  const found = served.get(mediaId);
  if (!found) throw new Error(`media ${mediaId} is not served`);
  return found;
}

function recordFor(mediaId: string): MediaStoredRecord {
  const found = stored.find((record) => record.mediaId === mediaId);
  if (!found) throw new Error(`no media-stored record for ${mediaId}`);
  return found;
}

function keyOf(item: Sample, bytes: ServedMedia): string {
  return `${item.phoneNumberId}/${bytes.sha256Hex}.${item.extension}`;
}

function requestOf(item: Sample) {
  return mediaRequest({
    mediaId: item.mediaId,
    mimeType: item.mimeType,
    phoneNumberId: item.phoneNumberId,
    filename: item.filename ?? null,
  });
}

async function bucketKeys(): Promise<string[]> {
  const listed = await client.send(
    new ListObjectsV2Command({ Bucket: bucket }),
  );
  return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
}

async function removeBucket(): Promise<void> {
  const keys = await bucketKeys();
  if (keys.length > 0) {
    const objects = keys.map((Key) => ({ Key }));
    await client.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: objects },
      }),
    );
  }
  await client.send(new DeleteBucketCommand({ Bucket: bucket }));
}

function s3Client(credentials: S3Credentials): S3Client {
  return new S3Client({
    endpoint: credentials.endpoint,
    region: credentials.region,
    forcePathStyle: true,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
    },
  });
}

function s3Env(): Record<string, string> {
  return fetcherEnv({
    run,
    graphApiBaseUrl: graph.baseUrl,
    accessToken: TOKEN,
    env: {
      LOG_LEVEL: 'warn',
      MEDIA_STORAGE: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: s3.region,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    },
  });
}
