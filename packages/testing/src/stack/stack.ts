// Orchestration: for each component, (1) the environment wins, (2) else a
// Docker engine via testcontainers, (3) else local processes. A local process
// that is already running is reused before Docker is even asked, so `up`
// never starts a second broker whatever changed in between.
import { rm } from 'node:fs/promises';
import {
  containerOp,
  dockerAnswers,
  startKafkaContainer,
  startRedisContainer,
} from './containers.ts';
import { withStackLock } from './lock.ts';
import {
  KAFKA_MARKER,
  localKafkaBrokers,
  localKafkaPid,
  startLocalKafka,
  stopLocalKafka,
} from './local-kafka.ts';
import {
  localRedisPid,
  localRedisUrl,
  REDIS_MARKER,
  startLocalRedis,
  stopLocalRedis,
} from './local-redis.ts';
import { stopLocalS3 } from './local-s3.ts';
import { KAFKA_VERSION } from './maven-kafka.ts';
import { logFile } from './paths.ts';
import { kafkaAnswers, redisAnswers, waitUntil } from './readiness.ts';
import { envFile, readState, stateFile, updateState } from './state.ts';
import type { KafkaInfo, RedisInfo } from './state.ts';

export interface StackEndpoints {
  kafkaBrokers: string[];
  redisUrl: string;
}

export interface EnsureStackOptions {
  /** Where KAFKA_BROKERS / REDIS_URL are looked up; default process.env. */
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}

const READY_MS = 120_000;
let dockerProbe: Promise<boolean> | undefined;
const docker = (): Promise<boolean> => (dockerProbe ??= dockerAnswers());

const splitBrokers = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

// When the env points at what we manage (vitest global setup exports our own
// addresses), keep the managed record so stop/restart helpers still work.
function fromEnv<T extends KafkaInfo | RedisInfo>(
  given: T,
  prev: T | undefined,
  same: (p: T) => boolean,
): T {
  return prev && prev.origin !== 'env' && same(prev) ? prev : given;
}

async function resolveKafka(env: NodeJS.ProcessEnv): Promise<KafkaInfo> {
  const prev = readState().kafka;
  const given = env.KAFKA_BROKERS?.trim();
  if (given) {
    const brokers = splitBrokers(given);
    return fromEnv(
      { origin: 'env', brokers },
      prev,
      (p) => p.brokers.join() === brokers.join(),
    );
  }
  const pid = localKafkaPid();
  if (pid !== undefined) {
    const version = prev?.pid === pid ? prev.version : undefined;
    return { origin: 'local', brokers: localKafkaBrokers, version, pid };
  }
  if (await docker()) {
    const containerId = await startKafkaContainer();
    return {
      origin: 'container',
      brokers: localKafkaBrokers,
      version: KAFKA_VERSION,
      containerId,
    };
  }
  const started = await startLocalKafka();
  return {
    origin: 'local',
    brokers: localKafkaBrokers,
    version: KAFKA_VERSION,
    pid: started,
  };
}

async function resolveRedis(env: NodeJS.ProcessEnv): Promise<RedisInfo> {
  const prev = readState().redis;
  const given = env.REDIS_URL?.trim();
  if (given)
    return fromEnv({ origin: 'env', url: given }, prev, (p) => p.url === given);
  const pid = localRedisPid();
  if (pid !== undefined) return { origin: 'local', url: localRedisUrl, pid };
  if (await docker())
    return {
      origin: 'container',
      url: localRedisUrl,
      containerId: await startRedisContainer(),
    };
  return { origin: 'local', url: localRedisUrl, pid: await startLocalRedis() };
}

const waitKafka = (k: KafkaInfo, timeoutMs = READY_MS): Promise<void> =>
  waitUntil(() => kafkaAnswers(k.brokers), {
    what: `Kafka (${k.brokers.join(',')})`,
    timeoutMs,
    process:
      k.origin === 'local' && k.pid
        ? { pid: k.pid, marker: KAFKA_MARKER, logFile: logFile('kafka') }
        : undefined,
  });

const waitRedis = (r: RedisInfo, timeoutMs = READY_MS): Promise<void> =>
  waitUntil(() => redisAnswers(r.url), {
    what: `Redis (${r.url})`,
    timeoutMs,
    process:
      r.origin === 'local' && r.pid
        ? { pid: r.pid, marker: REDIS_MARKER, logFile: logFile('redis') }
        : undefined,
  });

/** Same logic as `npm run stack -- up`; reuses whatever is running. */
export function ensureStack(
  opts: EnsureStackOptions = {},
): Promise<StackEndpoints> {
  return withStackLock(async () => {
    const env = opts.env ?? process.env;
    const [kafka, redis] = await Promise.all([
      resolveKafka(env),
      resolveRedis(env),
    ]);
    await Promise.all([
      waitKafka(kafka, opts.readyTimeoutMs),
      waitRedis(redis, opts.readyTimeoutMs),
    ]);
    await updateState({ kafka, redis });
    return { kafkaBrokers: kafka.brokers, redisUrl: redis.url };
  });
}

function managed<T extends KafkaInfo | RedisInfo>(
  info: T | undefined,
  what: string,
): T {
  if (info === undefined)
    throw new Error(`${what} is not up: run ensureStack() first`);
  if (info.origin === 'env')
    throw new Error(
      `${what} comes from the environment; the stack cannot stop or restart it`,
    );
  return info;
}

/** Stops the broker but keeps its data, to test "broker down mid-test". */
export function stopKafka(): Promise<void> {
  return withStackLock(async () => {
    const k = managed(readState().kafka, 'Kafka');
    if (k.containerId) await containerOp(k.containerId, 'stop');
    else await stopLocalKafka();
  });
}

/** Starts the broker again on the same data dir and waits until it answers. */
export function startKafka(): Promise<void> {
  return withStackLock(async () => {
    const k = managed(readState().kafka, 'Kafka');
    if (k.containerId) await containerOp(k.containerId, 'start');
    const next = k.containerId
      ? k
      : { ...k, pid: await startLocalKafka(k.version) };
    await waitKafka(next);
    await updateState({ kafka: next });
  });
}

/**
 * Stop + start on the same port, `downMs` apart; all Redis data is gone
 * afterwards (the local server keeps nothing on disk).
 */
export function restartRedis(downMs = 0): Promise<void> {
  return withStackLock(async () => {
    const r = managed(readState().redis, 'Redis');
    if (r.containerId) await containerOp(r.containerId, 'stop');
    else await stopLocalRedis();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    if (r.containerId) await containerOp(r.containerId, 'start');
    const next = r.containerId ? r : { ...r, pid: await startLocalRedis() };
    await waitRedis(next);
    await updateState({ redis: next });
  });
}

/** `down`: stops only what the stack started (pid files, recorded containers). */
export function stopStack(): Promise<string[]> {
  return withStackLock(async () => {
    const state = readState();
    const stopped: string[] = [];
    const [kafka, redis, s3] = await Promise.all([
      stopLocalKafka(),
      stopLocalRedis(),
      stopLocalS3(),
    ]);
    if (kafka) stopped.push('kafka (local)');
    if (redis) stopped.push('redis (local)');
    if (s3) stopped.push('s3 (local)');
    for (const [name, info] of [
      ['kafka', state.kafka],
      ['redis', state.redis],
    ] as const) {
      if (info?.origin !== 'container' || !info.containerId) continue;
      await containerOp(info.containerId, 'remove');
      stopped.push(`${name} (container)`);
    }
    await rm(stateFile, { force: true });
    await rm(envFile, { force: true });
    return stopped;
  });
}
