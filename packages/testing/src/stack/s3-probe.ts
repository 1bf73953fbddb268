// Readiness for S3: a SigV4-signed ListBuckets with the stack's credentials.
// An unsigned GET would also get an answer (403) from a half-started gateway
// whose filer is not up yet; a signed 200 proves auth and metadata work.
// Hand-rolled SigV4 keeps the AWS SDK out of @wapipe/testing's dependencies.
import { createHash, createHmac } from 'node:crypto';

export interface S3Credentials {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

const sha256 = (data: string): string =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();

function signListBuckets(c: S3Credentials, now: Date): Headers {
  const url = new URL(c.endpoint);
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const day = amzDate.slice(0, 8);
  const payload = sha256('');
  const signed = 'host;x-amz-content-sha256;x-amz-date';
  const canonical = [
    'GET',
    '/',
    '',
    `host:${url.host}`,
    `x-amz-content-sha256:${payload}`,
    `x-amz-date:${amzDate}`,
    '',
    signed,
    payload,
  ].join('\n');
  const scope = `${day}/${c.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join(
    '\n',
  );
  let key = hmac(`AWS4${c.secretAccessKey}`, day);
  for (const part of [c.region, 's3', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return new Headers({
    'x-amz-content-sha256': payload,
    'x-amz-date': amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=${c.accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`,
  });
}

export async function s3Answers(c: S3Credentials): Promise<boolean> {
  try {
    const res = await fetch(new URL('/', c.endpoint), {
      headers: signListBuckets(c, new Date()),
      signal: AbortSignal.timeout(3_000),
    });
    const body = await res.text();
    return res.ok && body.includes('ListAllMyBucketsResult');
  } catch {
    return false;
  }
}
