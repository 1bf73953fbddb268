// .stack/state.json records what `up` found or started, so `status`, `down`
// and the restart helpers know whether a component is ours (local process or
// container) or was given through the environment (never touched).
import { mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stackDir } from './paths.ts';

export type Origin = 'env' | 'container' | 'local';

export interface KafkaInfo {
  origin: Origin;
  brokers: string[];
  version?: string;
  pid?: number;
  containerId?: string;
}

export interface RedisInfo {
  origin: Origin;
  url: string;
  pid?: number;
  containerId?: string;
}

export interface S3Info {
  origin: Origin;
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  pid?: number;
}

export interface StackState {
  kafka?: KafkaInfo;
  redis?: RedisInfo;
  s3?: S3Info;
  updatedAt?: string;
}

export const stateFile = join(stackDir, 'state.json');
export const envFile = join(stackDir, 'env');

export function readState(): StackState {
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8')) as StackState;
  } catch {
    return {};
  }
}

async function writeAtomic(file: string, text: string): Promise<void> {
  mkdirSync(stackDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

/** Merges `patch` into state.json and rewrites .stack/env to match. */
export async function updateState(patch: StackState): Promise<StackState> {
  const next = {
    ...readState(),
    ...patch,
    updatedAt: new Date().toISOString(),
  };
  for (const key of ['kafka', 'redis', 's3'] as const) {
    if (key in patch && patch[key] === undefined) delete next[key];
  }
  await writeAtomic(stateFile, `${JSON.stringify(next, null, 2)}\n`);
  await writeAtomic(envFile, renderEnv(next));
  return next;
}

/** Shell lines for `source .stack/env`. Values are single-quoted. */
export function renderEnv(state: StackState): string {
  const vars: [string, string | undefined][] = [
    ['KAFKA_BROKERS', state.kafka?.brokers.join(',')],
    ['REDIS_URL', state.redis?.url],
    ['S3_ENDPOINT', state.s3?.endpoint],
    ['S3_ACCESS_KEY_ID', state.s3?.accessKeyId],
    ['S3_SECRET_ACCESS_KEY', state.s3?.secretAccessKey],
    ['S3_REGION', state.s3?.region],
  ];
  return vars
    .filter((v): v is [string, string] => v[1] !== undefined)
    .map(([k, v]) => `export ${k}='${v.replaceAll("'", "'\\''")}'\n`)
    .join('');
}
