import type { TopicPartitionOffsetAndMetadata } from 'kafkajs';

type CommitRequest = (
  offsets: TopicPartitionOffsetAndMetadata[],
) => Promise<void>;

interface Waiting {
  offset: TopicPartitionOffsetAndMetadata;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Commits the offsets of finished batches, one OffsetCommit request for
 * all the partitions that finished while the previous request was in
 * flight. Batches of a fetch finish together, and a request per batch
 * made commits a large share of the broker's work in bench:pipeline.
 * Each caller still learns whether its own offset was committed.
 */
export class OffsetCommitter {
  private readonly request: CommitRequest;
  private waiting: Waiting[] = [];
  private inFlight = false;

  constructor(request: CommitRequest) {
    this.request = request;
  }

  commit(offset: TopicPartitionOffsetAndMetadata): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ offset, resolve, reject });
      this.sendWaiting();
    });
  }

  private sendWaiting(): void {
    if (this.inFlight || this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    this.inFlight = true;
    this.request(latestPerPartition(batch)).then(
      () => this.settle(batch, undefined),
      (error: unknown) => this.settle(batch, error ?? new Error('commit')),
    );
  }

  // The next request leaves before the callers hear back.
  private settle(batch: Waiting[], error: unknown): void {
    this.inFlight = false;
    this.sendWaiting();
    for (const w of batch) {
      if (error === undefined) w.resolve();
      else w.reject(error);
    }
  }
}

// A partition's batches run one after another, but two can still meet
// here (a retry, a rebalance): the later offset covers the earlier.
function latestPerPartition(
  batch: Waiting[],
): TopicPartitionOffsetAndMetadata[] {
  const latest = new Map<string, TopicPartitionOffsetAndMetadata>();
  for (const { offset } of batch) {
    const key = `${offset.topic}\u0000${offset.partition}`;
    const seen = latest.get(key);
    if (!seen || BigInt(offset.offset) > BigInt(seen.offset))
      latest.set(key, offset);
  }
  return [...latest.values()];
}
