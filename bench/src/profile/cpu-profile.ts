import { readFileSync } from 'node:fs';

/** The parts of V8's .cpuprofile (written by `node --cpu-prof`) we read. */
export interface CpuProfile {
  nodes: ProfileNode[];
  /** Node id sampled at each tick. */
  samples: number[];
  /** Microseconds since the previous sample. */
  timeDeltas: number[];
}

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export function readCpuProfile(path: string): CpuProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
}
