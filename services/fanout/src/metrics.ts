import { Counter, Histogram } from 'prom-client';
import type { MetricsRegistry } from '@wapipe/telemetry';

export const FANOUT_METRIC = {
  records: 'wapipe_fanout_records_total',
  batchDuration: 'wapipe_fanout_batch_duration_seconds',
} as const;

export type FanoutMetrics = ReturnType<typeof createFanoutMetrics>;

export function createFanoutMetrics(registry: MetricsRegistry) {
  return {
    records: new Counter({
      name: FANOUT_METRIC.records,
      help: 'Records written by the fan-out, by kind (message, status, error, event, dead_letter)',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    batchDuration: new Histogram({
      name: FANOUT_METRIC.batchDuration,
      help: 'Time to split a batch and have Kafka acknowledge its outputs',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
