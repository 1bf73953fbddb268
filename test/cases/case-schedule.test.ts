import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { planSteps, runSchedule } from './case-schedule.ts';

describe('case schedule', () => {
  it('orders requests by at_ms and keeps file order on ties', () => {
    const steps = planSteps([{ at_ms: 300 }, { at_ms: 0 }, { at_ms: 0 }, {}]);
    expect(steps).toEqual([
      { atMs: 0, indexes: [1] },
      { atMs: 0, indexes: [2] },
      { atMs: 0, indexes: [3] },
      { atMs: 300, indexes: [0] },
    ]);
  });

  it('sends a parallel group as one step at its earliest time', () => {
    const steps = planSteps([
      { at_ms: 10, parallel_group: 'burst' },
      { at_ms: 5 },
      { at_ms: 0, parallel_group: 'burst' },
      { at_ms: 20 },
    ]);
    expect(steps).toEqual([
      { atMs: 0, indexes: [0, 2] },
      { atMs: 5, indexes: [1] },
      { atMs: 20, indexes: [3] },
    ]);
  });

  it('has a group in flight together, and answers by request index', async () => {
    let inFlight = 0;
    let most = 0;
    const answers = await runSchedule(
      [{ parallel_group: 'g' }, { parallel_group: 'g' }, { at_ms: 30 }],
      async (index) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await sleep(20);
        inFlight -= 1;
        return `answer ${index}`;
      },
    );
    expect(most).toBe(2);
    expect(answers).toEqual(['answer 0', 'answer 1', 'answer 2']);
  });

  it('waits for at_ms', async () => {
    const started = performance.now();
    const sentAt: number[] = [];
    await runSchedule([{ at_ms: 0 }, { at_ms: 60 }], (index) => {
      sentAt[index] = performance.now() - started;
      return Promise.resolve(index);
    });
    expect(sentAt[1]).toBeGreaterThanOrEqual(55);
  });
});
