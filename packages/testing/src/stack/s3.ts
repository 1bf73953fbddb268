// ensureS3(): an S3-compatible endpoint for media tests. Like the rest of the
// stack: S3_ENDPOINT in the environment wins, else a local SeaweedFS is
// started (built once with Go) or reused via its pid file.
import { withStackLock } from './lock.ts';
import { localS3, S3_MARKER, startLocalS3 } from './local-s3.ts';
import { logFile } from './paths.ts';
import { waitUntil } from './readiness.ts';
import { s3Answers } from './s3-probe.ts';
import type { S3Credentials } from './s3-probe.ts';
import { readState, updateState } from './state.ts';
import type { S3Info } from './state.ts';

export type { S3Credentials } from './s3-probe.ts';

function fromEnv(env: NodeJS.ProcessEnv, endpoint: string): S3Info {
  const prev = readState().s3;
  // Keep our managed record when the env just re-exports our own endpoint.
  if (prev && prev.origin !== 'env' && prev.endpoint === endpoint) return prev;
  return {
    origin: 'env',
    endpoint,
    accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
    region: env.S3_REGION ?? 'us-east-1',
  };
}

export function ensureS3(
  opts: { env?: NodeJS.ProcessEnv; readyTimeoutMs?: number } = {},
): Promise<S3Credentials> {
  return withStackLock(async () => {
    const env = opts.env ?? process.env;
    const given = env.S3_ENDPOINT?.trim();
    const info: S3Info = given
      ? fromEnv(env, given)
      : { origin: 'local', ...localS3, pid: await startLocalS3() };
    await waitUntil(() => s3Answers(info), {
      what: `S3 (${info.endpoint})`,
      timeoutMs: opts.readyTimeoutMs ?? 120_000,
      process:
        info.origin === 'local' && info.pid
          ? { pid: info.pid, marker: S3_MARKER, logFile: logFile('s3') }
          : undefined,
    });
    await updateState({ s3: info });
    const { endpoint, accessKeyId, secretAccessKey, region } = info;
    return { endpoint, accessKeyId, secretAccessKey, region };
  });
}
