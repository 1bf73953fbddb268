import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './test-support.ts';
import { VerifyingStream, type Expectation } from './verifying-stream.ts';

const BYTES = Buffer.from('the media bytes');

function run(chunks: Buffer[], expectation: Partial<Expectation>) {
  const verifier = new VerifyingStream({
    sha256Hex: sha256Hex(BYTES),
    size: BYTES.length,
    maxBytes: 1_000,
    ...expectation,
  });
  const sink = new PassThrough();
  sink.resume();
  return pipeline(Readable.from(chunks), verifier, sink).then(
    () => verifier.byteCount,
  );
}

describe('VerifyingStream', () => {
  it('passes bytes that match the digest and size', async () => {
    await expect(
      run([BYTES.subarray(0, 4), BYTES.subarray(4)], {}),
    ).resolves.toBe(BYTES.length);
  });

  it('fails on a different digest', async () => {
    const other = Buffer.from('the media bytez');
    await expect(run([other], {})).rejects.toMatchObject({
      code: 'WAP_MEDIA_DIGEST_MISMATCH',
    });
  });

  it('fails on a different size', async () => {
    await expect(run([BYTES], { size: 3 })).rejects.toMatchObject({
      code: 'WAP_MEDIA_SIZE_MISMATCH',
    });
    await expect(run([BYTES], { size: 100 })).rejects.toMatchObject({
      code: 'WAP_MEDIA_SIZE_MISMATCH',
    });
  });

  it('stops past the byte limit', async () => {
    await expect(
      run([BYTES], { size: undefined, maxBytes: 4 }),
    ).rejects.toMatchObject({ code: 'WAP_MEDIA_TOO_LARGE' });
  });
});
