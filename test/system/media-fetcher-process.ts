import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '@wapipe/testing';
import { eventually } from './eventually.ts';

const MAIN = join(REPO_ROOT, 'services/media-fetcher/src/main.ts');

/** One JSON line of the fetcher's pino log. */
export type LogLine = Record<string, unknown> & { msg?: string };

export interface FetcherProcess {
  pid: number;
  /** Management origin: `/readyz`, `/metrics`. */
  managementUrl: string;
  /** Parsed log lines, in order, as they arrive. */
  logs: LogLine[];
  /** Resolves when the process has exited, with its signal if any. */
  exited: Promise<NodeJS.Signals | number | null>;
  /** Resolves once `/readyz` answers 200 (consuming, not draining). */
  ready(timeoutMs?: number): Promise<void>;
  /** Sends `signal` and waits for the exit. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/**
 * `services/media-fetcher/src/main.ts` as its own Node process, so it can
 * be killed for real and its memory measured apart from the test's. Only
 * the variables given (plus PATH) reach it: nothing leaks from the runner.
 */
export async function spawnMediaFetcher(
  env: Record<string, string>,
): Promise<FetcherProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', MAIN],
    {
      env: {
        PATH: process.env.PATH ?? '',
        MANAGEMENT_HOST: '127.0.0.1',
        MANAGEMENT_PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const logs = collectLogs(child.stdout);
  const exited = once(child, 'exit').then(
    ([code, signal]) => (signal ?? code) as NodeJS.Signals | number | null,
  );
  const managementUrl = `http://127.0.0.1:${port}`;
  return {
    pid: child.pid ?? -1,
    managementUrl,
    logs,
    exited,
    ready: (timeoutMs) => readyz(managementUrl, exited, logs, timeoutMs),
    stop: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exited;
    },
  };
}

function collectLogs(stdout: NodeJS.ReadableStream): LogLine[] {
  const logs: LogLine[] = [];
  const lines = createInterface({ input: stdout });
  lines.on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as LogLine);
    } catch {
      logs.push({ msg: line });
    }
  });
  return logs;
}

async function readyz(
  origin: string,
  exited: Promise<unknown>,
  logs: LogLine[],
  timeoutMs = 60_000,
): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  await eventually(
    'media fetcher ready',
    async () => {
      if (gone) {
        const last = logs.slice(-3).map((line) => JSON.stringify(line));
        throw new Error(`media fetcher exited early: ${last.join('\n')}`);
      }
      const answer = await fetch(`${origin}/readyz`).catch(() => undefined);
      return answer?.status === 200 ? true : undefined;
    },
    { timeoutMs },
  );
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}
