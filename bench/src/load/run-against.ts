import type { CpuShare } from '../process/cpu-meter.ts';
import { peakRssBytes } from '../process/proc-stats.ts';
import { scrapeMetrics } from '../process/scrape-metrics.ts';
import type { ServiceProcess } from '../process/service-process.ts';
import type { LoadPlan, LoadResult } from './load-plan.ts';
import { measureLoad } from './measure-load.ts';

export interface TargetRun {
  load: LoadResult;
  cpu: CpuShare[];
  /** VmHWM of the server process, read just before it was stopped. */
  peakRssBytes: number | undefined;
  /** The server's own metrics after the load, summed over labels. */
  metrics: Map<string, number> | undefined;
  /** The server's exit code after SIGTERM (0 = drained cleanly). */
  exitCode: number;
}

/**
 * Loads one server, reads its peak RSS and metrics, then stops it; the
 * server is stopped even when the load fails. `watched` names other
 * processes whose CPU is metered alongside.
 */
export async function runAgainst(
  server: { service: ServiceProcess; managementUrl: string },
  plan: LoadPlan,
  watched: Record<string, number | undefined> = {},
): Promise<TargetRun> {
  const { service } = server;
  try {
    const measured = await measureLoad(plan, {
      server: service.pid,
      ...watched,
    });
    const peak = peakRssBytes(service.pid);
    const metrics = await scrapeMetrics(`${server.managementUrl}/metrics`);
    const exitCode = await service.stop();
    return { ...measured, peakRssBytes: peak, metrics, exitCode };
  } finally {
    await service.stop();
  }
}
