import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';

export interface ServiceSpec {
  /** Short name; also names the log file in the run folder. */
  name: string;
  /** Entry file, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

export interface ServiceProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Settles with the exit code (-1 for a signal) once the process ended. */
  exited: Promise<number>;
  stop(): Promise<number>;
}

// Long enough for a service to drain its in-flight work on SIGTERM.
const STOP_GRACE_MS = 30_000;
// kafkajs on Node >= 23 warns about a negative timer it clamps; harmless
// (packages/testing/src/stack/README.md), and it would fill every log.
const QUIET = '--disable-warning=TimeoutNegativeWarning';
// As the image's entrypoint runs each service (ops/container/entrypoint.sh).
function youngGeneration(name: string): string {
  const consumer = /(^|-)(fanout|processor)$/.test(name);
  return `--max-semi-space-size=${consumer ? 32 : 8}`;
}

/**
 * Runs one Node entry in its own process, so the load generator, the
 * servers and Kafka never share an event loop. Output goes to a log file.
 */
export function startService(
  spec: ServiceSpec,
  runDir: string,
): ServiceProcess {
  const logFile = join(runDir, `${spec.name}.log`);
  const fd = openSync(logFile, 'a');
  const args = [
    QUIET,
    youngGeneration(spec.name),
    ...(spec.nodeArgs ?? []),
    spec.entry,
  ];
  // process.execPath is the Node 24 that runs the bench, never /usr/bin/node.
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`${spec.name} did not start`);
  const exited = exitOf(child);
  const stop = () => stopChild(child, exited);
  return { name: spec.name, pid: child.pid, logFile, exited, stop };
}

function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code ?? -1));
    child.once('error', () => resolve(-1));
  });
}

// SIGTERM first: services drain and flush, and --cpu-prof writes its file
// at exit. SIGKILL only when one hangs past the grace period.
async function stopChild(
  child: ChildProcess,
  exited: Promise<number>,
): Promise<number> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}
