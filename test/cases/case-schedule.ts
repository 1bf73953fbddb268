import { setTimeout as sleep } from 'node:timers/promises';

/** What the schedule needs to know of a request. */
export interface Timed {
  at_ms?: number | undefined;
  parallel_group?: string | undefined;
}

/** Requests sent together, at `atMs` after the case starts. */
export interface Step {
  atMs: number;
  indexes: number[];
}

/**
 * FORMAT.md timing: requests go in order of `at_ms`; those sharing a
 * `parallel_group` go at once, at the group's earliest `at_ms`. A step
 * starts only when the previous one has been answered, so "request 2
 * after request 1" holds even when an answer is slow.
 */
export function planSteps(requests: readonly Timed[]): Step[] {
  const steps: Step[] = [];
  const groups = new Map<string, Step>();
  requests.forEach((request, index) => {
    const atMs = request.at_ms ?? 0;
    const group = request.parallel_group;
    const joined = group === undefined ? undefined : groups.get(group);
    if (joined) {
      joined.indexes.push(index);
      joined.atMs = Math.min(joined.atMs, atMs);
      return;
    }
    const step = { atMs, indexes: [index] };
    steps.push(step);
    if (group !== undefined) groups.set(group, step);
  });
  // Stable: equal times keep file order.
  return steps.sort((a, b) => a.atMs - b.atMs);
}

/**
 * Runs the steps on the clock and returns the answers by request index.
 * All requests of a step are created in the same tick, so they really
 * are in flight together.
 */
export async function runSchedule<T>(
  requests: readonly Timed[],
  send: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  const started = performance.now();
  for (const step of planSteps(requests)) {
    const wait = step.atMs - (performance.now() - started);
    if (wait > 0) await sleep(wait);
    const answers = await Promise.all(step.indexes.map((i) => send(i)));
    step.indexes.forEach((index, k) => (results[index] = answers[k] as T));
  }
  return results;
}
