import { count, ms } from '../report/format.ts';

type Metrics = Map<string, number> | undefined;

/** Each service's /metrics, scraped after the load, before it stopped. */
export type ServiceMetrics = Record<string, Metrics>;

/**
 * Figures the services report about themselves that explain the stage
 * rates and latencies: batch sizes and times, retries, event loop lag.
 * Warm-up included.
 */
export function serviceMetricRows(metrics: ServiceMetrics): [string, string][] {
  const fanout = metrics.fanout;
  const processor = metrics.processor;
  const batches = fanout?.get('wapipe_fanout_batch_duration_seconds_count');
  return [
    ['fan-out batches', batches === undefined ? '-' : count(batches)],
    [
      'fan-out mean batch time',
      ms(mean(fanout, 'wapipe_fanout_batch_duration_seconds')),
    ],
    [
      'processor batch retries',
      text(processor?.get('wapipe_processor_batch_retries_total')),
    ],
    [
      'processor mean dedupe claim time',
      ms(mean(processor, 'wapipe_processor_dedupe_duration_seconds')),
    ],
    [
      'processor mean end-to-end (own metric)',
      ms(mean(processor, 'wapipe_processor_end_to_end_seconds')),
    ],
    ...Object.entries(metrics).map(([name, m]): [string, string] => [
      `${name} event loop lag p99`,
      ms(scaled(m?.get('nodejs_eventloop_lag_p99_seconds'))),
    ]),
  ];
}

function mean(metrics: Metrics, histogram: string): number | undefined {
  const n = metrics?.get(`${histogram}_count`);
  const sum = metrics?.get(`${histogram}_sum`);
  if (!n || sum === undefined) return undefined;
  return (sum / n) * 1e3;
}

function scaled(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : seconds * 1e3;
}

function text(value: number | undefined): string {
  return value === undefined ? '-' : count(value);
}
