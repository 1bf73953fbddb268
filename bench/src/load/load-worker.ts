import autocannon from 'autocannon';
import { AcceptedTally, addAccepted } from './accepted-tally.ts';
import type { Accepted, LoadPlan, LoadResult } from './load-plan.ts';
import type { WorkerMessage } from './worker-message.ts';
import { webhookRequests } from './webhook-requests.ts';

// The load generator runs in its own process (see run-load.ts), so that
// autocannon's event loop competes with no server for the same thread.
process.once('message', (plan: LoadPlan) => {
  runPlan(plan).then(
    (result) => reply({ type: 'result', result }),
    (error: unknown) => reply({ type: 'failed', error: String(error) }),
  );
});

async function runPlan(plan: LoadPlan): Promise<LoadResult> {
  const tally = new AcceptedTally();
  const requests = webhookRequests(plan.bodies, tally, bodiesFor(plan));
  if (plan.warmupSec > 0) await fire(plan, requests, plan.warmupSec);
  const warmup = tally.take();

  reply({ type: 'window-start' });
  const result = await fire(plan, requests, plan.durationSec);
  const window = tally.take();
  return summarize(result, addAccepted(warmup, window), window);
}

// Enough for the whole load at its rate, or at 20,000 requests/s (more
// than one ingress takes here) when it runs as fast as it is answered.
const MAX_RATE = 20_000;

function bodiesFor(plan: LoadPlan): number {
  const seconds = plan.warmupSec + plan.durationSec;
  return Math.ceil((plan.overallRate ?? MAX_RATE) * seconds * 1.1);
}

function fire(
  plan: LoadPlan,
  requests: autocannon.Request[],
  durationSec: number,
): Promise<autocannon.Result> {
  return autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: durationSec,
    requests,
    timeout: 10,
    ...(plan.overallRate ? { overallRate: plan.overallRate } : {}),
  });
}

function summarize(
  result: autocannon.Result,
  accepted: Accepted,
  windowAccepted: Accepted,
): LoadResult {
  return {
    requestsPerSec: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: statusCounts(result.statusCodeStats ?? {}),
    windowStart: new Date(result.start).getTime(),
    windowEnd: new Date(result.finish).getTime(),
    accepted,
    windowAccepted,
  };
}

function statusCounts(
  stats: Record<string, { count?: number }>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(stats)) out[code] = count ?? 0;
  return out;
}

function reply(message: WorkerMessage): void {
  const last = message.type !== 'window-start';
  process.send?.(message, () => {
    // autocannon may leave a timer behind; the result is all we owe.
    if (last) process.exit(0);
  });
}
