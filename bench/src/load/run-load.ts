import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadPlan, LoadResult } from './load-plan.ts';
import type { WorkerMessage } from './worker-message.ts';

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
/** Beyond warm-up + window: start-up and the last answers. */
const SLACK_MS = 30_000;

export interface LoadRun {
  pid: number;
  result: Promise<LoadResult>;
}

/**
 * Forks the load generator and hands it the plan. `onWindowStart` runs
 * when warm-up is over, so callers can meter the measured window only.
 */
export function startLoad(plan: LoadPlan, onWindowStart: () => void): LoadRun {
  // Same Node binary, none of our flags (a --cpu-prof is for servers).
  const child = fork(WORKER, [], { execArgv: [] });
  if (child.pid === undefined) throw new Error('load generator did not start');
  const limitMs = (plan.warmupSec + plan.durationSec) * 1e3 + SLACK_MS;
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);

  const result = new Promise<LoadResult>((resolve, reject) => {
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'window-start') onWindowStart();
      else if (message.type === 'result') resolve(message.result);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once('exit', (code) =>
      reject(new Error(`load generator exited (${code}) without a result`)),
    );
  }).finally(() => clearTimeout(timer));

  child.send(plan);
  return { pid: child.pid, result };
}
