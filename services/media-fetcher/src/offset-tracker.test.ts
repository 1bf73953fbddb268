import { describe, expect, it } from 'vitest';
import { OffsetTracker } from './offset-tracker.ts';

describe('OffsetTracker', () => {
  it('moves only over a finished prefix', () => {
    const tracker = new OffsetTracker(['10', '11', '12']);
    expect(tracker.finish('11')).toBeUndefined();
    expect(tracker.finish('10')).toBe('11');
    expect(tracker.finish('12')).toBe('12');
  });
});
