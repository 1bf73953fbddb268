import { readFileSync } from 'node:fs';

// USER_HZ: the unit of CPU times in /proc on Linux.
const CLOCK_TICKS_PER_SECOND = 100;

/** Peak resident set (VmHWM) of a live process, in bytes. */
export function peakRssBytes(pid: number): number | undefined {
  const status = readProc(`${pid}/status`);
  const match = status?.match(/^VmHWM:\s+(\d+)\s+kB$/m);
  return match ? Number(match[1]) * 1024 : undefined;
}

/** CPU time (user + system) a live process has used so far, in seconds. */
export function cpuSeconds(pid: number): number | undefined {
  const stat = readProc(`${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name may hold spaces and parentheses: fields start after
  // the last ')'; utime and stime are fields 14 and 15 of the whole line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / CLOCK_TICKS_PER_SECOND : undefined;
}

/** CPU time all cores spent busy (not idle or waiting), in seconds. */
export function machineBusySeconds(): number | undefined {
  const line = readProc('stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return undefined;
  // user nice system idle iowait irq softirq steal ...
  const [user, nice, system, , , irq, softirq, steal] = line
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = [user, nice, system, irq, softirq, steal].reduce<number>(
    (sum, ticks) => sum + (ticks ?? 0),
    0,
  );
  return busy / CLOCK_TICKS_PER_SECOND;
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(`/proc/${path}`, 'utf8');
  } catch {
    return undefined;
  }
}
