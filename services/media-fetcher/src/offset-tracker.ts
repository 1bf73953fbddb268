/**
 * Records of a batch finish out of order under concurrency, but a
 * partition can only commit a prefix. This finds the highest offset below
 * which every record is finished.
 */
export class OffsetTracker {
  private readonly offsets: string[];
  private readonly finished = new Set<string>();
  private next = 0;

  constructor(offsets: string[]) {
    this.offsets = offsets;
  }

  /** Marks one finished; returns the new committable offset, if it moved. */
  finish(offset: string): string | undefined {
    this.finished.add(offset);
    let moved: string | undefined;
    while (this.next < this.offsets.length) {
      const candidate = this.offsets[this.next] as string;
      if (!this.finished.has(candidate)) break;
      moved = candidate;
      this.next += 1;
    }
    return moved;
  }
}
