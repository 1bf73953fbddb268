import { cpuSeconds, machineBusySeconds } from './proc-stats.ts';

export interface CpuShare {
  name: string;
  /** Share of one core over the window: 100 = one core fully busy. */
  percent: number | undefined;
}

/** Listed after the named processes: whatever else kept the cores busy. */
export const OTHER_PROCESSES = 'other processes';
const MACHINE = '(machine)';

/**
 * Measures how much CPU each named process uses from this call until the
 * returned `stop()`; on 2 cores it shows which process is the bottleneck,
 * and the "other processes" line shows when something else interfered.
 */
export function meterCpu(pids: Record<string, number | undefined>) {
  const startedAt = performance.now();
  const before = snapshot(pids);
  return {
    stop(): CpuShare[] {
      const seconds = (performance.now() - startedAt) / 1e3;
      const after = snapshot(pids);
      const shares = Object.keys(pids).map((name) => ({
        name,
        percent: share(before[name], after[name], seconds),
      }));
      const machine = share(before[MACHINE], after[MACHINE], seconds);
      return [
        ...shares,
        { name: OTHER_PROCESSES, percent: rest(machine, shares) },
      ];
    },
  };
}

function snapshot(pids: Record<string, number | undefined>) {
  const out: Record<string, number | undefined> = {
    [MACHINE]: machineBusySeconds(),
  };
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

function rest(
  machine: number | undefined,
  shares: CpuShare[],
): number | undefined {
  if (machine === undefined) return undefined;
  const ours = shares.reduce((sum, s) => sum + (s.percent ?? 0), 0);
  return Math.max(0, machine - ours);
}
