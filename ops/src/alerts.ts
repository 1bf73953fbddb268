// Alert rules of the PrometheusRule, as data. Metric names come from the
// services' metrics modules, so a renamed metric shows up as drift.
import { FANOUT_METRIC } from '../../services/fanout/src/metrics.ts';
import { INGRESS_METRIC } from '../../services/ingress/src/metrics.ts';
import { METRIC as MEDIA_METRIC } from '../../services/media-fetcher/src/metrics.ts';
import { PROCESSOR_METRIC } from '../../services/processor/src/metrics.ts';

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  severity: 'critical' | 'warning';
  summary: string;
  description: string;
}

export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

/**
 * A threshold from values.yaml (prometheusRule.thresholds.<name>); the
 * renderer turns the marker into a Helm expression.
 */
export function threshold(name: string): string {
  return `@@${name}@@`;
}

const t = threshold;

/** Consumer groups of the chart: `${TOPIC_PREFIX}wapipe-<service>`. */
const GROUPS = 'consumergroup=~".*wapipe-(fanout|processor|media-fetcher)"';

/** Meta's throttling codes and plain 429 (REFERENCE §15). */
const THROTTLED = 'code=~"4|17|32|613|80007|130429|131056|http_429"';

const ingress: AlertRule[] = [
  {
    alert: 'WapipeWebhookSignatureFailures',
    expr: `sum by (namespace) (
  increase(${INGRESS_METRIC.signatureFailures}{reason=~"mismatch|no_secret"}[10m])
) > ${t('signatureFailures')}`,
    for: '2m',
    severity: 'critical',
    summary: 'Webhook POSTs refused for their signature',
    description:
      '{{ $value | humanize }} POSTs in {{ $labels.namespace }} failed the ' +
      'X-Hub-Signature-256 check (wrong or missing app secret) in 10 minutes. ' +
      'After an app-secret change this is Meta being refused: Meta retries a ' +
      'refused delivery for up to 7 days, which is the window to fix ' +
      'APP_SECRETS (during a rotation configure the old and the new secret).',
  },
  {
    alert: 'WapipeIngressUnavailable',
    expr: `sum by (namespace) (rate(${INGRESS_METRIC.requests}{method="POST",outcome="unavailable"}[5m]))
/
sum by (namespace) (rate(${INGRESS_METRIC.requests}{method="POST"}[5m]))
> ${t('unavailableRatio')}`,
    for: '5m',
    severity: 'critical',
    summary: 'Ingress answers 503: Kafka is not acknowledging',
    description:
      '{{ $value | humanizePercentage }} of webhook POSTs in ' +
      '{{ $labels.namespace }} were answered 503 because Kafka did not ' +
      'acknowledge within PRODUCE_DEADLINE_MS. Nothing is lost (Meta ' +
      'retries), but a long outage builds a retry storm; check the brokers ' +
      'and wapipe_ingress_produce_errors_total.',
  },
  {
    alert: 'WapipeIngressErrors',
    expr: `sum by (namespace) (rate(${INGRESS_METRIC.requests}{method="POST",outcome="error"}[5m]))
/
sum by (namespace) (rate(${INGRESS_METRIC.requests}{method="POST"}[5m]))
> ${t('errorRatio')}`,
    for: '10m',
    severity: 'warning',
    summary: 'Ingress answers errors (5xx or bad requests)',
    description:
      '{{ $value | humanizePercentage }} of webhook POSTs in ' +
      '{{ $labels.namespace }} ended with an internal error or a bad ' +
      'request; Meta retries anything but 200. See the ingress logs.',
  },
  {
    alert: 'WapipeIngressSlowAnswers',
    expr: `histogram_quantile(0.99,
  sum by (namespace, le) (rate(${INGRESS_METRIC.duration}_bucket{method="POST"}[5m]))
) > ${t('p99LatencySeconds')}`,
    for: '10m',
    severity: 'warning',
    summary: 'Ingress p99 answer time above target',
    description:
      'p99 of webhook answers in {{ $labels.namespace }} is ' +
      '{{ $value | humanizeDuration }}. Slow answers make Meta re-send ' +
      '(duplicates, retry storms); check Kafka produce latency ' +
      '(wapipe_ingress_produce_duration_seconds) and ingress CPU.',
  },
  {
    alert: 'WapipeNoWebhooksReceived',
    // `or … * 0` keeps a namespace whose ingress has not accepted anything
    // since it started (no series yet) in the result, as 0.
    expr: `(
  sum by (namespace) (increase(${INGRESS_METRIC.requests}{method="POST",outcome="accepted"}[${t('noWebhooksMinutes')}m]))
  or
  sum by (namespace) (up{job="wapipe-ingress"}) * 0
) == 0`,
    for: '5m',
    severity: 'warning',
    summary: 'No webhook accepted for a while',
    description:
      'The ingress in {{ $labels.namespace }} has accepted no webhook in ' +
      'the last ' +
      t('noWebhooksMinutes') +
      ' minutes. Check the edge (DNS, certificate, mTLS CA), the callback ' +
      'URL and subscription in the App Dashboard, and signature failures.',
  },
  {
    alert: 'WapipeClientCaExpiring',
    // The gauge reads 0 when no bundle is configured.
    expr: `min by (namespace) (${INGRESS_METRIC.caExpiry} > 0) - time()
< ${t('caExpiryWarningDays')} * 86400`,
    for: '1h',
    severity: 'warning',
    summary: "Meta's client CA bundle expires soon",
    description:
      'The earliest certificate in the mTLS client CA bundle of ' +
      '{{ $labels.namespace }} expires in {{ $value | humanizeDuration }}. ' +
      'Meta moved its client certificate to a Meta-owned CA in 2026 ' +
      '(meta-outbound-api-ca-2025-12.pem): put the new CA in the bundle ' +
      'next to the old one before this one expires, or every delivery ' +
      'fails the TLS handshake.',
  },
  {
    alert: 'WapipeClientCaExpiringSoon',
    expr: `min by (namespace) (${INGRESS_METRIC.caExpiry} > 0) - time()
< ${t('caExpiryCriticalDays')} * 86400`,
    for: '10m',
    severity: 'critical',
    summary: "Meta's client CA bundle expires within days",
    description:
      'The mTLS client CA bundle of {{ $labels.namespace }} expires in ' +
      '{{ $value | humanizeDuration }}; after that the edge refuses every ' +
      'webhook from Meta. Update the CA Secret and restart the ingress.',
  },
];

const pipeline: AlertRule[] = [
  {
    alert: 'WapipeConsumerLagGrowing',
    // kafka_consumergroup_lag: Strimzi's Kafka Exporter (kafka_exporter).
    expr: `sum by (consumergroup) (kafka_consumergroup_lag{${GROUPS}}) > ${t('consumerLag')}
and
deriv(sum by (consumergroup) (kafka_consumergroup_lag{${GROUPS}})[15m:1m]) > 0`,
    for: '15m',
    severity: 'warning',
    summary: 'Consumer lag is high and growing',
    description:
      'Consumer group {{ $labels.consumergroup }} is {{ $value | humanize }} ' +
      'records behind and falling further back. Check that the pods are ' +
      'ready, that KEDA may add more (maxReplicas, partitions), and ' +
      'Redis or Kafka latency.',
  },
  {
    alert: 'WapipeBacklogAge',
    expr: `histogram_quantile(0.99,
  sum by (namespace, le) (rate(${PROCESSOR_METRIC.endToEnd}_bucket[5m]))
) > ${t('backlogAgeSeconds')}`,
    for: '10m',
    severity: 'warning',
    summary: 'Processed records are old: the pipeline is behind',
    description:
      'p99 from ingress receipt to processed output in ' +
      '{{ $labels.namespace }} is {{ $value | humanizeDuration }}. The ' +
      'fan-out or the processor is behind; see consumer lag.',
  },
  {
    alert: 'WapipeProcessorDeadLetters',
    expr: `sum by (namespace, kind) (
  increase(${PROCESSOR_METRIC.records}{outcome="dead_lettered"}[15m])
) > 0`,
    for: '0m',
    severity: 'warning',
    summary: 'Processor dead-lettered records',
    description:
      '{{ $value | humanize }} {{ $labels.kind }} records in ' +
      '{{ $labels.namespace }} went to the DLQ after bounded retries in 15 ' +
      'minutes. Read the reason on whatsapp.dlq.v1; replay after the fix.',
  },
  {
    alert: 'WapipeFanoutDeadLetters',
    expr: `sum by (namespace) (
  increase(${FANOUT_METRIC.records}{kind="dead_letter"}[15m])
) > 0`,
    for: '0m',
    severity: 'warning',
    summary: 'Fan-out dead-lettered records',
    description:
      '{{ $value | humanize }} webhook changes in {{ $labels.namespace }} ' +
      'could not be split and went to the DLQ in 15 minutes.',
  },
  {
    alert: 'WapipeProcessorRetrying',
    expr: `sum by (namespace) (rate(${PROCESSOR_METRIC.batchRetries}[5m])) > 0`,
    for: '10m',
    severity: 'warning',
    summary: 'Processor keeps retrying batches',
    description:
      'The processor in {{ $labels.namespace }} has been retrying batches ' +
      'for 10 minutes: Redis, Kafka or a claim is unavailable, and ' +
      'consumption is paused (nothing is dropped).',
  },
];

const media: AlertRule[] = [
  {
    alert: 'WapipeMediaFailures',
    expr: `sum by (namespace) (rate(${MEDIA_METRIC.downloads}{outcome=~"dead_lettered|error"}[15m]))
/
sum by (namespace) (rate(${MEDIA_METRIC.downloads}[15m]))
> ${t('mediaFailureRatio')}`,
    for: '15m',
    severity: 'warning',
    summary: 'Media downloads failing',
    description:
      '{{ $value | humanizePercentage }} of media requests in ' +
      '{{ $labels.namespace }} end dead-lettered or in error. See ' +
      'wapipe_media_graph_errors_total by code and the DLQ reasons.',
  },
  {
    alert: 'WapipeGraphTokenInvalid',
    expr: `sum by (namespace) (increase(${MEDIA_METRIC.graphErrors}{code="190"}[10m])) > 0`,
    for: '0m',
    severity: 'critical',
    summary: 'Graph API rejects the access token',
    description:
      'Graph API error 190 (invalid or expired token) in ' +
      '{{ $labels.namespace }}: media are dead-lettered until ' +
      'GRAPH_ACCESS_TOKEN (or the per-WABA token) is replaced; replay ' +
      'the dead letters afterwards.',
  },
  {
    alert: 'WapipeGraphThrottled',
    expr: `sum by (namespace) (rate(${MEDIA_METRIC.graphErrors}{${THROTTLED}}[10m])) > 0`,
    for: '15m',
    severity: 'warning',
    summary: 'Graph API throttles the media fetcher',
    description:
      'Meta has been throttling media lookups in {{ $labels.namespace }} ' +
      'for 15 minutes; the fetcher backs off, so media arrive late. ' +
      'Lower MEDIA_CONCURRENCY or the replica count.',
  },
];

const availability: AlertRule[] = [
  {
    alert: 'WapipeIngressDown',
    expr: 'sum by (namespace) (up{job="wapipe-ingress"}) == 0',
    for: '2m',
    severity: 'critical',
    summary: 'No ingress pod is being scraped',
    description:
      'Every ingress target in {{ $labels.namespace }} is down: Meta gets ' +
      'errors and retries.',
  },
  {
    alert: 'WapipeTargetDown',
    expr: 'up{job=~"wapipe-.*"} == 0',
    for: '10m',
    severity: 'warning',
    summary: 'A wapipe pod does not answer /metrics',
    description:
      '{{ $labels.job }} pod {{ $labels.pod }} in {{ $labels.namespace }} ' +
      'has not been scraped for 10 minutes.',
  },
];

export const RULE_GROUPS: RuleGroup[] = [
  { name: 'wapipe-ingress', rules: ingress },
  { name: 'wapipe-pipeline', rules: pipeline },
  { name: 'wapipe-media', rules: media },
  { name: 'wapipe-availability', rules: availability },
];
