import type { CpuProfile, ProfileNode } from './cpu-profile.ts';
import { functionOf, moduleOf } from './code-location.ts';

export interface ProfileSummary {
  /** Sampled time, excluding `(idle)`, in milliseconds. */
  busyMs: number;
  idleMs: number;
  /** Each list holds [label, ms], largest first. */
  selfByModule: [string, number][];
  /** Time with the module anywhere on the stack (counted once a sample). */
  inclusiveByModule: [string, number][];
  selfByFunction: [string, number][];
}

/** Adds up a V8 CPU profile by module and by function. */
export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = parents(profile.nodes);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const functions = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;

  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const tickMs = (profile.timeDeltas[i] ?? 0) / 1e3;
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') {
      idleMs += tickMs;
      return;
    }
    busyMs += tickMs;
    add(self, moduleOf(node), tickMs);
    add(functions, functionOf(node), tickMs);
    for (const module of stackModules(node, byId, parentOf)) {
      add(inclusive, module, tickMs);
    }
  });
  return {
    busyMs,
    idleMs,
    selfByModule: sorted(self),
    inclusiveByModule: sorted(inclusive),
    selfByFunction: sorted(functions),
  };
}

function parents(nodes: ProfileNode[]): Map<number, number> {
  const parentOf = new Map<number, number>();
  for (const node of nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  return parentOf;
}

function stackModules(
  leaf: ProfileNode,
  byId: Map<number, ProfileNode>,
  parentOf: Map<number, number>,
): Set<string> {
  const modules = new Set<string>();
  for (let node: ProfileNode | undefined = leaf; node;) {
    modules.add(moduleOf(node));
    const parent = parentOf.get(node.id);
    node = parent === undefined ? undefined : byId.get(parent);
  }
  modules.delete('(root)');
  return modules;
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function sorted(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1]);
}
