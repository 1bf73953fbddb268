import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep } from './backoff.ts';
import { FetchAbortedError } from './errors.ts';

const policy = { baseMs: 100, maxMs: 1_000 };

describe('backoffDelay', () => {
  it('doubles per attempt with half of it jittered', () => {
    expect(backoffDelay(1, policy, undefined, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, undefined, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, undefined, () => 0)).toBe(200);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(20, policy, undefined, () => 1)).toBe(1_000);
  });

  it('waits at least the Retry-After, up to the maximum', () => {
    expect(backoffDelay(1, policy, 700, () => 0)).toBe(700);
    expect(backoffDelay(1, policy, 60_000, () => 0)).toBe(1_000);
  });
});

describe('sleep', () => {
  it('rejects with FetchAbortedError when shutdown aborts', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(FetchAbortedError);
  });
});
