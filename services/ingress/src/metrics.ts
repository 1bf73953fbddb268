import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from '@wapipe/telemetry';

/** Metric names in one place, so dashboards and alerts can grep them. */
export const INGRESS_METRIC = {
  requests: 'wapipe_ingress_requests_total',
  duration: 'wapipe_ingress_request_duration_seconds',
  signatureFailures: 'wapipe_ingress_signature_failures_total',
  produceDuration: 'wapipe_ingress_produce_duration_seconds',
  produceErrors: 'wapipe_ingress_produce_errors_total',
  inFlight: 'wapipe_ingress_in_flight_requests',
  changes: 'wapipe_ingress_changes_total',
  caExpiry: 'wapipe_ingress_client_ca_expiry_timestamp_seconds',
} as const;

export type RequestOutcome =
  | 'accepted'
  | 'dead_lettered'
  | 'unauthorized'
  | 'forbidden'
  | 'too_large'
  | 'unavailable'
  | 'handshake_ok'
  | 'handshake_rejected'
  | 'not_found'
  | 'error';

export type IngressMetrics = ReturnType<typeof createIngressMetrics>;

const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

export function createIngressMetrics(registry: MetricsRegistry) {
  const registers = [registry];
  return { ...requestMetrics(registers), ...produceMetrics(registers) };
}

function requestMetrics(registers: MetricsRegistry[]) {
  return {
    requests: new Counter({
      name: INGRESS_METRIC.requests,
      help: 'Webhook requests by method and outcome',
      labelNames: ['method', 'outcome'] as const,
      registers,
    }),
    duration: new Histogram({
      name: INGRESS_METRIC.duration,
      help: 'Time from request start to answer, by method and outcome',
      labelNames: ['method', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    signatureFailures: new Counter({
      name: INGRESS_METRIC.signatureFailures,
      help: 'POSTs refused for their signature, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    inFlight: new Gauge({
      name: INGRESS_METRIC.inFlight,
      help: 'Requests being handled now',
      registers,
    }),
  };
}

function produceMetrics(registers: MetricsRegistry[]) {
  return {
    produceDuration: new Histogram({
      name: INGRESS_METRIC.produceDuration,
      help: "Time until Kafka acknowledged (acks=all) a request's records",
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    produceErrors: new Counter({
      name: INGRESS_METRIC.produceErrors,
      help: 'Produce failures that turned into a 503, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    changes: new Counter({
      name: INGRESS_METRIC.changes,
      help: 'Webhook changes made durable in Kafka',
      registers,
    }),
  };
}

/** Earliest expiry of the client CA bundle, when one is configured. */
export function caExpiryGauge(registry: MetricsRegistry): Gauge {
  return new Gauge({
    name: INGRESS_METRIC.caExpiry,
    help: 'Expiry (Unix seconds) of the earliest certificate in the client CA bundle',
    registers: [registry],
  });
}
