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
}

export function processedStats(
  read: ProcessedRead,
  window: { start: number; end: number },
): ProcessedStats {
  const { samples } = read;
  const inWindow = (t: number) => t >= window.start && t < window.end;
  const seconds = (window.end - window.start) / 1e3;
  const latencies = samples
    .filter((s) => inWindow(s.receivedAt))
    .map((s) => s.processedAt - s.receivedAt);
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
  };
}
