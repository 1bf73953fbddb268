import { megabytes, ms } from '../report/format.ts';
import { renderTable } from '../report/table.ts';

const PRODUCE = 'wapipe_ingress_produce_duration_seconds';
const REQUEST = 'wapipe_ingress_request_duration_seconds';

/**
 * What the ingress says about itself (its /metrics after the load): how
 * much of a request's time is the wait for Kafka, and where memory went.
 * Warm-up included.
 */
export function ingressInternals(
  metrics: Map<string, number> | undefined,
): string {
  if (!metrics) return 'ingress /metrics did not answer';
  const mean = (name: string) => {
    const countOf = metrics.get(`${name}_count`) ?? 0;
    return countOf > 0
      ? ((metrics.get(`${name}_sum`) ?? 0) / countOf) * 1e3
      : undefined;
  };
  const seconds = (name: string) => {
    const value = metrics.get(name);
    return value === undefined ? undefined : value * 1e3;
  };
  const rows = [
    ['mean request time (server side)', ms(mean(REQUEST))],
    ['mean produce wait (linger + acks=all)', ms(mean(PRODUCE))],
    ['event loop lag p99', ms(seconds('nodejs_eventloop_lag_p99_seconds'))],
    [
      'V8 heap used / total at end',
      `${megabytes(metrics.get('nodejs_heap_size_used_bytes'))} / ${megabytes(metrics.get('nodejs_heap_size_total_bytes'))}`,
    ],
  ];
  return renderTable(['ingress, from its /metrics', ''], rows);
}
