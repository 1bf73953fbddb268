import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from './concurrency-limit.ts';

describe('ConcurrencyLimit', () => {
  it('never runs more than the limit at once', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 10 }, () => limit.run(task)));
    expect(peak).toBe(2);
    expect(limit.active).toBe(0);
  });

  it('reports idle once the last task finished', async () => {
    const limit = new ConcurrencyLimit(1);
    let finished = false;
    void limit.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      finished = true;
    });
    await limit.idle();
    expect(finished).toBe(true);
  });
});
