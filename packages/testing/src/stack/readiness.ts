// "Really answers" probes: a TCP port being open is not enough (Kafka accepts
// connections before its metadata is loaded), so Kafka must describe the
// cluster and list topics through kafkajs, and Redis must answer PING.
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, tail } from './proc.ts';

export async function kafkaAnswers(brokers: string[]): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'wapipe-stack-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.listTopics();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // probe failures are expected
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export interface WaitOptions {
  what: string;
  timeoutMs: number;
  /** If set, give up as soon as this process dies and show its log. */
  process?: { pid: number; marker: string; logFile: string };
}

export async function waitUntil(
  probe: () => Promise<boolean>,
  opts: WaitOptions,
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await probe()) return;
    const p = opts.process;
    if (p && !isAlive(p.pid, p.marker)) {
      throw new Error(
        `${opts.what} exited during startup; last log lines of ${p.logFile}:\n${tail(p.logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      const hint = p ? `; see ${p.logFile}:\n${tail(p.logFile)}` : '';
      throw new Error(
        `${opts.what} not ready after ${opts.timeoutMs} ms${hint}`,
      );
    }
    await sleep(250);
  }
}
