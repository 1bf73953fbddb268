import { meterCpu, type CpuShare } from '../process/cpu-meter.ts';
import type { LoadPlan, LoadResult } from './load-plan.ts';
import { startLoad } from './run-load.ts';

export interface Measured {
  load: LoadResult;
  /** CPU of the watched processes and of the load generator, window only. */
  cpu: CpuShare[];
}

/**
 * Runs one load plan and meters CPU over its measured window;
 * `onWindowStart` runs when the warm-up is over.
 */
export async function measureLoad(
  plan: LoadPlan,
  watched: Record<string, number | undefined>,
  onWindowStart: () => void = () => undefined,
): Promise<Measured> {
  let meter: ReturnType<typeof meterCpu> | undefined;
  const run = startLoad(plan, () => {
    meter = meterCpu({ ...watched, 'load generator': run.pid });
    onWindowStart();
  });
  const load = await run.result;
  return { load, cpu: meter?.stop() ?? [] };
}
