// redis-server from Debian, run as a plain child process on a loopback port.
// No persistence: tests must not depend on state surviving a restart unless
// they wrote it after the restart, exactly like a cache node replacement.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logFile, pidFile, ports, stackDir } from './paths.ts';
import {
  runLogged,
  runningPid,
  spawnDetached,
  stopFromPidFile,
} from './proc.ts';

export const REDIS_MARKER = 'redis-server';
export const localRedisUrl = `redis://127.0.0.1:${ports.redis}`;

export function findRedisServer(): string | undefined {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    if (existsSync(p)) return p;
  }
  try {
    return (
      execFileSync('which', ['redis-server'], { encoding: 'utf8' }).trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}

/**
 * Installs Debian's redis-server when missing (we run as root here). A
 * temporary policy-rc.d stops the package from also launching a system-wide
 * redis on 6379 that nobody would stop.
 */
async function ensureRedisServer(): Promise<string> {
  const found = findRedisServer();
  if (found) return found;
  process.stderr.write(
    '[stack] redis-server missing: apt-get install redis-server\n',
  );
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy)
    writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const log = logFile('apt');
    await runLogged('apt-get', ['update'], log, { env });
    await runLogged(
      'apt-get',
      ['install', '-y', '--no-install-recommends', 'redis-server'],
      log,
      { env },
    );
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
  const installed = findRedisServer();
  if (!installed)
    throw new Error('redis-server still missing after apt-get install');
  return installed;
}

export const localRedisPid = (): number | undefined =>
  runningPid(pidFile('redis'), REDIS_MARKER);

export async function startLocalRedis(): Promise<number> {
  const running = localRedisPid();
  if (running !== undefined) return running;
  const bin = await ensureRedisServer();
  const dir = join(stackDir, 'redis');
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`[stack] starting Redis on ${localRedisUrl}\n`);
  return spawnDetached({
    command: bin,
    args: [
      '--port',
      String(ports.redis),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--dir',
      dir,
    ],
    logFile: logFile('redis'),
    pidFile: pidFile('redis'),
  });
}

export const stopLocalRedis = (): Promise<boolean> =>
  stopFromPidFile(pidFile('redis'), REDIS_MARKER, 10_000);
