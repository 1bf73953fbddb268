// Cross-process lock around start/stop so that two `up`s (e.g. the vitest
// global setups of two packages, or a CLI run during tests) never start two
// brokers. mkdir is atomic; a lock whose holder died is broken. Within one
// process calls are queued. Not re-entrant: only public entry points lock.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stackDir } from './paths.ts';
import { isAlive } from './proc.ts';

const lockDir = join(stackDir, 'lock');
const ownerFile = join(lockDir, 'owner');
let queue: Promise<unknown> = Promise.resolve();

function tryAcquire(): boolean {
  try {
    mkdirSync(lockDir);
    writeFileSync(ownerFile, String(process.pid));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  }
}

function holderIsDead(): boolean {
  let owner: number;
  try {
    owner = Number(readFileSync(ownerFile, 'utf8'));
  } catch {
    return false; // owner file not written yet: holder is mid-acquire
  }
  return owner > 0 && !isAlive(owner);
}

async function acquire(timeoutMs: number): Promise<void> {
  mkdirSync(stackDir, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  while (!tryAcquire()) {
    if (holderIsDead()) rmSync(lockDir, { recursive: true, force: true });
    else if (Date.now() > deadline)
      throw new Error(`stack lock ${lockDir} still held after ${timeoutMs} ms`);
    else await sleep(200);
  }
}

export function withStackLock<T>(
  fn: () => Promise<T>,
  timeoutMs = 10 * 60_000,
): Promise<T> {
  const run = async (): Promise<T> => {
    await acquire(timeoutMs);
    try {
      return await fn();
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
