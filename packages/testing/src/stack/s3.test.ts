// S3 via SeaweedFS is opt-in (its first start builds `weed` with Go), so this
// runs only once it is built (`npm run stack -- up --s3`) or S3_ENDPOINT is set.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binDir } from './paths.ts';
import { ensureS3 } from './s3.ts';
import { s3Answers } from './s3-probe.ts';
import { readState } from './state.ts';

const available =
  existsSync(join(binDir, 'weed')) || process.env.S3_ENDPOINT !== undefined;

describe.runIf(available)('ensureS3', () => {
  it('answers a signed ListBuckets and is idempotent', async () => {
    const first = await ensureS3();
    const pid = readState().s3?.pid;
    const second = await ensureS3();
    expect(second).toEqual(first);
    expect(readState().s3?.pid).toBe(pid);
    expect(await s3Answers(first)).toBe(true);
  });

  it('rejects a wrong secret, so the identity config is really applied', async () => {
    const creds = await ensureS3();
    expect(await s3Answers({ ...creds, secretAccessKey: 'wrong' })).toBe(false);
  });
});
