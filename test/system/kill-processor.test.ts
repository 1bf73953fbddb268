import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as pause } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFanout, loadFanoutConfig } from '@wapipe/fanout';
import { buildIngress, loadIngressConfig } from '@wapipe/ingress';
import { topicNames } from '@wapipe/contracts';
import { ensureTopics } from '@wapipe/kafka';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { REPO_ROOT, readTopics } from '@wapipe/testing';
import { messageBody, runEnv, sendAll, wamids } from './traffic.ts';

// The processor runs as its own process so it can be killed for real.
const prefix = `kill-${randomUUID().slice(0, 8)}.`;
const env = runEnv(prefix, {
  // A killed pod's claims must free up quickly for the test to finish.
  CLAIM_LEASE_MS: '3000',
});
const ingress = buildIngress(loadIngressConfig(env));
const fanout = buildFanout(loadFanoutConfig(env));
const topics = topicNames(prefix);
let url = '';
let redis: Redis;

function startProcessor(): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--disable-warning=TimeoutNegativeWarning',
      join(REPO_ROOT, 'services/processor/src/main.ts'),
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/** The processor's claims so far, by wamid: a token (in flight) or `done`. */
async function claims(): Promise<Map<string, string>> {
  const keys = await redis.keys(`${prefix}:msg:*`);
  const values = keys.length > 0 ? await redis.mget(...keys) : [];
  const wamidOf = (key: string) => /:(wamid\.[^}]+)\}$/.exec(key)?.[1] ?? key;
  return new Map(keys.map((key, i) => [wamidOf(key), values[i] ?? '']));
}

async function untilDone(count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = [...(await claims()).values()].filter((v) => v === 'done');
    if (done.length >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${done.length} done`);
    await pause(5);
  }
}

/**
 * Catches the processor holding a claim it has not marked done: freezes
 * it (SIGSTOP), lets Redis apply what it already sent, looks, and thaws
 * it to try again a moment later. A batch holds its claims for a few ms
 * only, so a kill at a random moment almost never finds one. Gives up
 * after `attempts`; the kill then still shows that nothing is lost.
 */
async function freezeWithClaimInFlight(
  child: ChildProcess,
  attempts: number,
): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    child.kill('SIGSTOP');
    await pause(30);
    const held = [...(await claims()).values()].some((v) => v !== 'done');
    if (held) return;
    child.kill('SIGCONT');
    await pause(Math.random() * 15);
  }
}

/** SIGKILL (frozen or not); resolves with the time the process was gone. */
async function killHard(child: ChildProcess): Promise<number> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const goneAt = Date.now();
  // Redis may still be applying what the dead process wrote just before.
  await pause(200);
  return goneAt;
}

/** SIGTERM, then SIGKILL if it has not exited within 30 s: no orphans. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  // The processor process creates its topics too, but the test reads
  // them before that child is up.
  const kafka = new Kafka({
    brokers: env.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  await ensureTopics(kafka, Object.values(topics), {
    partitions: 3,
    replicationFactor: 1,
  });
  redis = new Redis(env.REDIS_URL);
  ({ url } = await ingress.start());
  await fanout.start();
});
afterAll(async () => {
  await ingress.stop();
  await fanout.stop();
  redis.disconnect();
});

describe('processor killed with SIGKILL mid-stream and restarted', () => {
  it('loses nothing and repeats only what was in flight at the kill', async () => {
    const total = 400;
    const bodies = Array.from({ length: total }, (_, n) =>
      messageBody(prefix, n),
    );
    let processor = startProcessor();
    // Slow enough that the processor is still busy when it is killed.
    const sending = sendAll(`${url}/webhooks/whatsapp`, bodies, 2);

    // Kill once the processor has finished some but not all records;
    // read its claims at that moment: what is not done was in flight.
    await untilDone(total / 4, 60_000);
    await freezeWithClaimInFlight(processor, 200);
    const killedAt = await killHard(processor);
    const atKill = await claims();
    const inFlight = [...atKill].filter(([, v]) => v !== 'done');
    expect(atKill.size).toBeLessThan(total);
    const statuses = await sending;
    expect(statuses.every((s) => s === 200)).toBe(true);
    processor = startProcessor();

    const records = await readTopics({
      brokers: env.KAFKA_BROKERS.split(','),
      topics: [topics.inboundMessages],
      until: (r) => new Set(wamids(r.map((x) => x.value))).size >= total,
      timeoutMs: 90_000,
      settleMs: 2_000,
    });
    await stopProcess(processor);

    const ids = wamids(records.map((r) => r.value));
    expect(new Set(ids).size).toBe(total);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    const counts = `${atKill.size} claimed, ${inFlight.length} in flight`;
    console.log(
      `[kill-processor] at the kill ${counts}; ${repeated.length} repeated`,
    );
    // A repeat is legitimate only for work published before the kill and
    // not yet marked done: claimed then, first copy before the kill.
    for (const id of repeated) {
      expect(inFlight.map(([wamid]) => wamid)).toContain(id);
      const copies = records
        .map(
          (r) =>
            JSON.parse(r.value ?? '{}') as {
              wamid: string;
              processedAt: string;
              text: string;
            },
        )
        .filter((v) => v.wamid === id);
      expect(Date.parse(copies[0]?.processedAt ?? '')).toBeLessThanOrEqual(
        killedAt,
      );
      expect(copies[1]?.text).toBe(copies[0]?.text);
    }
  });
});
