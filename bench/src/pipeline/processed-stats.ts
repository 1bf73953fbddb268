import type { ProcessedRead } from '../kafka/processed-reader.ts';
import { percentile } from './percentile.ts';

export interface ProcessedStats {
  total: number;
  /** Distinct identities: less than total means a duplicate got through. */
  distinct: number;
  complete: boolean;
  /** Records whose processedAt fell in the window, per second. */
  perSecInWindow: number;
  /** processedAt - receivedAt of records received in the window. */
  latency: { samples: number; p50?: number; p99?: number; max?: number };
  /**
   * Share of window arrivals in the first half of each second since the
   * window opened: about 0.5 for an even load. autocannon's rate limit
   * sends each second's quota back to back, so it runs higher.
   */
  firstHalfShare: number | undefined;
}

export function processedStats(
  read: ProcessedRead,
  window: { start: number; end: number },
): ProcessedStats {
  const { samples } = read;
  const inWindow = (t: number) => t >= window.start && t < window.end;
  const seconds = (window.end - window.start) / 1e3;
  const received = samples.filter((s) => inWindow(s.receivedAt));
  const latencies = received.map((s) => s.processedAt - s.receivedAt);
  const firstHalf = received.filter(
    (s) => (s.receivedAt - window.start) % 1_000 < 500,
  ).length;
  return {
    total: samples.length,
    distinct: new Set(samples.map((s) => s.identity)).size,
    complete: read.complete,
    perSecInWindow:
      samples.filter((s) => inWindow(s.processedAt)).length / seconds,
    latency: {
      samples: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
    },
    firstHalfShare:
      received.length > 0 ? firstHalf / received.length : undefined,
  };
}
