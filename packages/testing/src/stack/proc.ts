// Detached child processes tracked by pid files. The pid file alone is not
// trusted: pids get recycled, so liveness also checks /proc/<pid>/cmdline for
// a marker (e.g. "kafka.Kafka") and treats zombies as dead.
import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DetachedSpec {
  command: string;
  args: string[];
  logFile: string;
  pidFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Starts a process in its own session so it outlives the caller. */
export async function spawnDetached(spec: DetachedSpec): Promise<number> {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const fd = openSync(spec.logFile, 'a');
  try {
    // A visible boundary between runs, since logs are appended.
    writeSync(
      fd,
      `\n--- ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`,
    );
    const child = spawn(spec.command, spec.args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: spec.env ?? process.env,
      cwd: spec.cwd,
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve(child.pid ?? -1));
    });
    child.unref();
    await writeFile(spec.pidFile, `${pid}\n`);
    return pid;
  } finally {
    closeSync(fd);
  }
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number, marker?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readProc(pid, 'stat');
  if (stat === undefined) return true; // no procfs (macOS): trust kill(0)
  // Field 3 of /proc/<pid>/stat is the state; Z = zombie, X = dead.
  const state = stat.slice(
    stat.lastIndexOf(')') + 2,
    stat.lastIndexOf(')') + 3,
  );
  if (state === 'Z' || state === 'X') return false;
  if (marker === undefined) return true;
  return (readProc(pid, 'cmdline') ?? '').includes(marker);
}

export function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The pid from `pidFile` if that process is still ours and alive. */
export function runningPid(
  pidFile: string,
  marker: string,
): number | undefined {
  const pid = readPid(pidFile);
  return pid !== undefined && isAlive(pid, marker) ? pid : undefined;
}

/** SIGTERM, wait for a clean exit, SIGKILL after `graceMs`. */
export async function stopPid(
  pid: number,
  marker: string,
  graceMs = 30_000,
): Promise<void> {
  if (!isAlive(pid, marker)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid, marker)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      await sleep(200);
      return;
    }
    await sleep(100);
  }
}

export async function stopFromPidFile(
  pidFile: string,
  marker: string,
  graceMs?: number,
): Promise<boolean> {
  const pid = runningPid(pidFile, marker);
  if (pid !== undefined) await stopPid(pid, marker, graceMs);
  await rm(pidFile, { force: true });
  return pid !== undefined;
}

/** Last lines of a log, to explain why something did not come up. */
export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

/** Runs a command to completion, appending its output to `logFile`. */
export async function runLogged(
  command: string,
  args: string[],
  logFile: string,
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<void> {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { ...opts, stdio: ['ignore', fd, fd] });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) {
      throw new Error(
        `${command} ${args.join(' ')} exited with ${code}; ${logFile}:\n${tail(logFile)}`,
      );
    }
  } finally {
    closeSync(fd);
  }
}
