import type { TopicRead } from '../kafka/topic-reader.ts';
import { percentile } from './percentile.ts';
import type { FanoutSample, ProcessedSample } from './record-samples.ts';

export interface Spread {
  samples: number;
  p50?: number;
  p99?: number;
  max?: number;
}

export interface ProcessedStats {
  total: number;
  /** Distinct identities: less than total means a duplicate got through. */
  distinct: number;
  complete: boolean;
  /** Records whose processedAt fell in the window, per second. */
  perSecInWindow: number;
  /** processedAt - receivedAt of records received in the window. */
  latency: Spread;
  /** The same, split where fan-out produced the record. */
  toFanout: Spread;
  fanoutToProcessed: Spread;
  /**
   * Share of window arrivals in the first half of each second since the
   * window opened: about 0.5 for an even load. autocannon's rate limit
   * sends each second's quota back to back, so it runs higher.
   */
  firstHalfShare: number | undefined;
}

export function processedStats(
  processed: TopicRead<ProcessedSample>,
  fanout: TopicRead<FanoutSample>,
  window: { start: number; end: number },
): ProcessedStats {
  const { samples } = processed;
  const inWindow = (t: number) => t >= window.start && t < window.end;
  const received = samples.filter((s) => inWindow(s.receivedAt));
  const producedAt = new Map(
    fanout.samples.map((s) => [s.identity, s.producedAt]),
  );
  const hops = received.flatMap((s) => {
    const at = producedAt.get(s.identity);
    return at === undefined
      ? []
      : [{ in: at - s.receivedAt, out: s.processedAt - at }];
  });
  return {
    total: samples.length,
    distinct: new Set(samples.map((s) => s.identity)).size,
    complete: processed.complete && fanout.complete,
    perSecInWindow:
      samples.filter((s) => inWindow(s.processedAt)).length /
      ((window.end - window.start) / 1e3),
    latency: spread(received.map((s) => s.processedAt - s.receivedAt)),
    toFanout: spread(hops.map((h) => h.in)),
    fanoutToProcessed: spread(hops.map((h) => h.out)),
    firstHalfShare: firstHalfShare(received, window.start),
  };
}

function spread(values: number[]): Spread {
  return {
    samples: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: percentile(values, 100),
  };
}

function firstHalfShare(
  received: ProcessedSample[],
  start: number,
): number | undefined {
  if (received.length === 0) return undefined;
  const early = received.filter((s) => (s.receivedAt - start) % 1_000 < 500);
  return early.length / received.length;
}
