import { readFileSync } from 'node:fs';

export const MIB = 1024 * 1024;

/** Resident memory of a process, in bytes, from /proc/<pid>/status. */
export interface ProcessMemory {
  /** VmRSS: resident now. */
  rss: number;
  /** VmHWM: the highest resident size the process ever had. */
  hwm: number;
}

export function readMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: field(status, 'VmRSS'), hwm: field(status, 'VmHWM') };
}

/**
 * Samples a process' VmRSS every `intervalMs` until stopped. VmHWM is
 * the kernel's own peak, so a spike between two samples is not missed.
 */
export function sampleMemory(
  pid: number,
  intervalMs = 20,
): { samples: number[]; stop: () => ProcessMemory } {
  const samples: number[] = [];
  const timer = setInterval(() => {
    try {
      samples.push(readMemory(pid).rss);
    } catch {
      clearInterval(timer); // the process is gone; stop() says so
    }
  }, intervalMs);
  return {
    samples,
    stop: () => {
      clearInterval(timer);
      return readMemory(pid);
    },
  };
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`${name} missing from /proc status`);
  return Number(match[1]) * 1024;
}
