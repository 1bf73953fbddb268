import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ensureS3, type S3Credentials } from '@wapipe/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createS3Storage } from './s3-storage.ts';
import type { MediaStorage } from './storage.ts';
import { sha256Hex } from './test-support.ts';
import { VerifyingStream } from './verifying-stream.ts';

// One bucket for every run (SeaweedFS gives each bucket its own volumes);
// a run's keys are kept apart by a unique owner segment instead.
const bucket = 'wapipe-media-fetcher-test';
const owner = randomUUID().slice(0, 8);
let creds: S3Credentials;
let client: S3Client;
let storage: MediaStorage;

beforeAll(async () => {
  creds = await ensureS3();
  const access = {
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
  };
  client = new S3Client({
    endpoint: creds.endpoint,
    region: creds.region,
    forcePathStyle: true,
    credentials: access,
  });
  await client
    .send(new CreateBucketCommand({ Bucket: bucket }))
    .catch((error: unknown) => {
      if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
    });
  storage = createS3Storage({
    S3_BUCKET: bucket,
    S3_ENDPOINT: creds.endpoint,
    S3_REGION: creds.region,
    S3_FORCE_PATH_STYLE: true,
    S3_ACCESS_KEY_ID: creds.accessKeyId,
    S3_SECRET_ACCESS_KEY: creds.secretAccessKey,
  });
}, 300_000);

function verified(bytes: Buffer, announced = bytes): VerifyingStream {
  const verifier = new VerifyingStream({
    sha256Hex: sha256Hex(announced),
    size: announced.length,
    maxBytes: 64 * 1024 * 1024,
  });
  Readable.from(chunks(bytes)).pipe(verifier);
  return verifier;
}

function* chunks(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += 1024 * 1024) {
    yield bytes.subarray(at, at + 1024 * 1024);
  }
}

const keyOf = (bytes: Buffer) => `${owner}/${sha256Hex(bytes)}.pdf`;
const request = (key: string, body: VerifyingStream) => ({
  key,
  body,
  contentType: 'application/pdf',
  metadata: { filename: encodeURIComponent('../Invoice 03.PDF') },
});

describe('s3 storage', () => {
  it('uploads verified bytes (multipart past 8 MiB) under the key', async () => {
    const bytes = randomBytes(17 * 1024 * 1024);
    const key = keyOf(bytes);
    expect(await storage.save(request(key, verified(bytes)))).toBe(true);
    expect(storage.uriOf(key)).toBe(`s3://${bucket}/${key}`);
    expect(await storage.sizeOf(key)).toBe(bytes.length);
    const object = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key }),
    );
    const body = Buffer.from(await object.Body!.transformToByteArray());
    expect(sha256Hex(body)).toBe(sha256Hex(bytes));
    expect(object.ContentType).toBe('application/pdf');
    expect(object.Metadata?.filename).toBe('..%2FInvoice%2003.PDF');
  }, 120_000);

  it.each([
    ['a small body', 1024],
    ['a multipart body', 17 * 1024 * 1024],
  ])(
    'commits nothing when %s fails verification',
    async (_name, size) => {
      const announced = randomBytes(size);
      const forged = Buffer.from(announced);
      forged[size - 1] = (forged[size - 1] ?? 0) ^ 0xff;
      const key = keyOf(announced);
      await expect(
        storage.save(request(key, verified(forged, announced))),
      ).rejects.toMatchObject({
        code: 'WAP_MEDIA_DIGEST_MISMATCH',
      });
      expect(await storage.sizeOf(key)).toBeUndefined();
      const uploads = await client.send(
        new ListMultipartUploadsCommand({
          Bucket: bucket,
          Prefix: `${owner}/`,
        }),
      );
      expect(uploads.Uploads ?? []).toEqual([]);
    },
    120_000,
  );
});
