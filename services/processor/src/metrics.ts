import { Counter, Histogram } from 'prom-client';
import type { MetricsRegistry } from '@wapipe/telemetry';

export const PROCESSOR_METRIC = {
  records: 'wapipe_processor_records_total',
  dedupeDuration: 'wapipe_processor_dedupe_duration_seconds',
  endToEnd: 'wapipe_processor_end_to_end_seconds',
  batchRetries: 'wapipe_processor_batch_retries_total',
} as const;

export type RecordOutcome =
  'processed' | 'duplicate' | 'retried' | 'dead_lettered';
export type ProcessorMetrics = ReturnType<typeof createProcessorMetrics>;

export function createProcessorMetrics(registry: MetricsRegistry) {
  const registers = [registry];
  return {
    records: new Counter({
      name: PROCESSOR_METRIC.records,
      help: 'Records by kind (message, status, error, event, invalid) and outcome',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    dedupeDuration: new Histogram({
      name: PROCESSOR_METRIC.dedupeDuration,
      help: 'Time to claim the identities of one batch in Redis',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    endToEnd: new Histogram({
      name: PROCESSOR_METRIC.endToEnd,
      help: 'From ingress receipt to processed output acknowledged, by kind',
      labelNames: ['kind'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    batchRetries: new Counter({
      name: PROCESSOR_METRIC.batchRetries,
      help: 'Batches retried because Redis, Kafka or a claim was unavailable',
      registers,
    }),
  };
}
