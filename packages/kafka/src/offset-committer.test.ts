import type { TopicPartitionOffsetAndMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { OffsetCommitter } from './offset-committer.ts';

type Offsets = TopicPartitionOffsetAndMetadata[];

/** A commit request that waits until the test releases it. */
function gatedRequests() {
  const requests: { offsets: Offsets; release: (error?: Error) => void }[] = [];
  const request = (offsets: Offsets) =>
    new Promise<void>((resolve, reject) => {
      requests.push({
        offsets,
        release: (error) => (error ? reject(error) : resolve()),
      });
    });
  return { requests, request };
}

const at = (partition: number, offset: string) => ({
  topic: 't',
  partition,
  offset,
});

describe('OffsetCommitter', () => {
  it('sends at once when idle, then merges what waits meanwhile', async () => {
    const { requests, request } = gatedRequests();
    const committer = new OffsetCommitter(request);
    const first = committer.commit(at(0, '10'));
    const second = committer.commit(at(1, '20'));
    const third = committer.commit(at(2, '30'));
    expect(requests.map((r) => r.offsets)).toEqual([[at(0, '10')]]);
    requests[0]?.release();
    await first;
    expect(requests[1]?.offsets).toEqual([at(1, '20'), at(2, '30')]);
    requests[1]?.release();
    await Promise.all([second, third]);
    expect(requests).toHaveLength(2);
  });

  it('commits the latest offset when a partition waits twice', async () => {
    const { requests, request } = gatedRequests();
    const committer = new OffsetCommitter(request);
    const pending = [
      committer.commit(at(0, '1')),
      committer.commit(at(0, '9')),
      committer.commit(at(0, '5')),
    ];
    requests[0]?.release();
    await Promise.resolve();
    await Promise.resolve();
    expect(requests[1]?.offsets).toEqual([at(0, '9')]);
    requests[1]?.release();
    await Promise.all(pending);
  });

  it('fails every caller of a failed request, and goes on after it', async () => {
    const { requests, request } = gatedRequests();
    const committer = new OffsetCommitter(request);
    const failed = committer.commit(at(0, '1'));
    requests[0]?.release(new Error('rebalancing'));
    await expect(failed).rejects.toThrow('rebalancing');
    const later = committer.commit(at(0, '2'));
    requests[1]?.release();
    await expect(later).resolves.toBeUndefined();
  });
});
