import { HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { MediaFetcherConfig } from './config.ts';
import type { MediaStorage, SaveRequest } from './storage.ts';

const PART_SIZE = 8 * 1024 * 1024;

type S3Config = Pick<
  MediaFetcherConfig,
  | 'S3_BUCKET'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_FORCE_PATH_STYLE'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
>;

/**
 * Media in any S3-compatible store. The key is known before the download
 * (Meta announces the digest), so bytes stream straight to it through a
 * multipart Upload; the verifying stream fails before the upload is
 * completed when the bytes are wrong, and lib-storage then aborts it.
 */
export function createS3Storage(config: S3Config): MediaStorage {
  const bucket = config.S3_BUCKET ?? '';
  const client = new S3Client(clientConfig(config));
  return {
    uriOf: (key) => `s3://${bucket}/${key}`,
    sizeOf: (key) => headSize(client, bucket, key),
    save: (request) => upload(client, bucket, request),
    close: () => client.destroy(),
  };
}

async function upload(
  client: S3Client,
  bucket: string,
  request: SaveRequest,
): Promise<boolean> {
  const upload = new Upload({
    client,
    params: {
      Bucket: bucket,
      Key: request.key,
      Body: request.body,
      ContentType: request.contentType,
      Metadata: request.metadata,
    },
    partSize: PART_SIZE,
    queueSize: 2,
    leavePartsOnError: false,
  });
  await upload.done();
  return true;
}

async function headSize(
  client: S3Client,
  bucket: string,
  key: string,
): Promise<number | undefined> {
  try {
    const head = await client.send(
      new HeadObjectCommand({ Bucket: bucket, Key: key }),
    );
    return head.ContentLength ?? 0;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  if (error instanceof NotFound) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } })
    .$metadata?.httpStatusCode;
  return status === 404;
}

function clientConfig(config: S3Config): S3ClientConfig {
  const out: S3ClientConfig = {
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  };
  if (config.S3_ENDPOINT) out.endpoint = config.S3_ENDPOINT;
  // Without explicit keys the SDK's chain applies (IRSA, instance roles).
  if (config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY) {
    out.credentials = {
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    };
  }
  return out;
}
