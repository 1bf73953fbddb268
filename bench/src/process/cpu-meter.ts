import { cpuSeconds } from './proc-stats.ts';

export interface CpuShare {
  name: string;
  /** Share of one core over the window: 100 = one core fully busy. */
  percent: number | undefined;
}

/**
 * Measures how much CPU each named process uses from this call until the
 * returned `stop()`; on 2 cores it shows which process is the bottleneck.
 */
export function meterCpu(pids: Record<string, number | undefined>) {
  const startedAt = performance.now();
  const before = snapshot(pids);
  return {
    stop(): CpuShare[] {
      const seconds = (performance.now() - startedAt) / 1e3;
      const after = snapshot(pids);
      return Object.keys(pids).map((name) => ({
        name,
        percent: share(before[name], after[name], seconds),
      }));
    },
  };
}

function snapshot(pids: Record<string, number | undefined>) {
  const out: Record<string, number | undefined> = {};
  for (const [name, pid] of Object.entries(pids)) {
    out[name] = pid === undefined ? undefined : cpuSeconds(pid);
  }
  return out;
}

function share(
  before: number | undefined,
  after: number | undefined,
  seconds: number,
): number | undefined {
  if (before === undefined || after === undefined) return undefined;
  return ((after - before) / seconds) * 100;
}
