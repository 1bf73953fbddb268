// The four dashboards: ingress, pipeline (fan-out + processor), media
// fetcher, and the Node.js runtime of every pod.
import { FANOUT_METRIC } from '../../services/fanout/src/metrics.ts';
import { INGRESS_METRIC } from '../../services/ingress/src/metrics.ts';
import { METRIC as MEDIA_METRIC } from '../../services/media-fetcher/src/metrics.ts';
import { PROCESSOR_METRIC } from '../../services/processor/src/metrics.ts';
import {
  dashboard,
  labelVariable,
  type PanelSpec,
  type Query,
} from './grafana.ts';

const NS = 'namespace="$namespace"';
const RATE = '$__rate_interval';

/** p50 and p99 of a histogram, optionally split by a label. */
function quantiles(metric: string, filter = '', by = ''): Query[] {
  const labels = [NS, filter].filter(Boolean).join(',');
  const group = ['le', by].filter(Boolean).join(', ');
  const suffix = by ? ` {{${by}}}` : '';
  return [0.5, 0.99].map((q) => ({
    expr: `histogram_quantile(${q}, sum by (${group}) (rate(${metric}_bucket{${labels}}[${RATE}])))`,
    legend: `p${q * 100}${suffix}`,
  }));
}

function rateBy(metric: string, by: string, filter = ''): Query {
  const labels = [NS, filter].filter(Boolean).join(',');
  return {
    expr: `sum by (${by}) (rate(${metric}{${labels}}[${RATE}]))`,
    legend: `{{${by.split(',')[0]!.trim()}}}`,
  };
}

function stat(
  title: string,
  description: string,
  unit: string,
  expr: string,
): PanelSpec {
  return {
    title,
    description,
    unit,
    kind: 'stat',
    width: 6,
    queries: [{ expr, legend: title }],
  };
}

const ingressOverview: PanelSpec[] = [
  stat(
    'Accepted webhooks',
    'POSTs answered 200 after Kafka acknowledged, per second.',
    'reqps',
    `sum(rate(${INGRESS_METRIC.requests}{${NS},method="POST",outcome="accepted"}[5m]))`,
  ),
  stat(
    'Answered 503',
    'Share of POSTs answered 503 (Kafka too slow or down); Meta retries them.',
    'percentunit',
    `sum(rate(${INGRESS_METRIC.requests}{${NS},method="POST",outcome="unavailable"}[5m])) / sum(rate(${INGRESS_METRIC.requests}{${NS},method="POST"}[5m]))`,
  ),
  stat(
    'p99 answer time',
    'p99 of POST answers over 5 minutes; the target is well under 1 s.',
    's',
    `histogram_quantile(0.99, sum by (le) (rate(${INGRESS_METRIC.duration}_bucket{${NS},method="POST"}[5m])))`,
  ),
  stat(
    'Client CA expires in',
    "Time left on the earliest certificate of Meta's mTLS CA bundle (empty when no bundle is mounted).",
    'dtdurations',
    `min(${INGRESS_METRIC.caExpiry}{${NS}} > 0) - time()`,
  ),
];

const ingressRequests: PanelSpec[] = [
  {
    title: 'Webhook POSTs by outcome',
    description:
      'accepted, dead_lettered (signed but unusable, kept raw), unauthorized, forbidden, too_large, unavailable, error.',
    unit: 'reqps',
    stacked: true,
    queries: [rateBy(INGRESS_METRIC.requests, 'outcome', 'method="POST"')],
  },
  {
    title: 'Verification handshakes (GET) by outcome',
    description:
      "Meta's subscription handshake: handshake_ok or handshake_rejected.",
    unit: 'reqps',
    stacked: true,
    queries: [rateBy(INGRESS_METRIC.requests, 'outcome', 'method="GET"')],
  },
  {
    title: 'Answer time p50 / p99',
    description: 'From request start to answer, POSTs.',
    unit: 's',
    queries: quantiles(INGRESS_METRIC.duration, 'method="POST"'),
  },
  {
    title: 'Answer time p99 by outcome',
    description: 'POSTs, per outcome.',
    unit: 's',
    queries: quantiles(
      INGRESS_METRIC.duration,
      'method="POST"',
      'outcome',
    ).filter((query) => query.legend.startsWith('p99')),
  },
  {
    title: 'Signature failures by reason',
    description:
      'missing, malformed, mismatch, no_secret. A burst of mismatch after a secret change is Meta being refused (retried for 7 days).',
    unit: 'reqps',
    stacked: true,
    queries: [rateBy(INGRESS_METRIC.signatureFailures, 'reason')],
  },
  {
    title: 'In-flight requests',
    description: 'Requests being handled, per pod.',
    unit: 'short',
    queries: [
      {
        expr: `sum by (pod) (${INGRESS_METRIC.inFlight}{${NS}})`,
        legend: '{{pod}}',
      },
    ],
  },
];

const ingressKafka: PanelSpec[] = [
  {
    title: 'Produce duration p50 / p99',
    description:
      "Until Kafka acknowledged (acks=all) a request's records, linger included.",
    unit: 's',
    queries: quantiles(INGRESS_METRIC.produceDuration),
  },
  {
    title: 'Produce errors by reason',
    description: 'Produce failures that became a 503.',
    unit: 'ops',
    stacked: true,
    queries: [rateBy(INGRESS_METRIC.produceErrors, 'reason')],
  },
  {
    title: 'Changes made durable',
    description: 'Webhook changes written to the webhooks topic, per second.',
    unit: 'ops',
    queries: [
      {
        expr: `sum(rate(${INGRESS_METRIC.changes}{${NS}}[${RATE}]))`,
        legend: 'changes',
      },
    ],
  },
];

const fanout: PanelSpec[] = [
  {
    title: 'Fan-out records by kind',
    description: 'Records written: message, status, error, event, dead_letter.',
    unit: 'ops',
    stacked: true,
    queries: [rateBy(FANOUT_METRIC.records, 'kind')],
  },
  {
    title: 'Fan-out batch duration p50 / p99',
    description: 'Split a batch and have Kafka acknowledge its outputs.',
    unit: 's',
    queries: quantiles(FANOUT_METRIC.batchDuration),
  },
];

const processor: PanelSpec[] = [
  {
    title: 'Processor records by kind and outcome',
    description:
      'processed, duplicate (suppressed by the Redis claim), retried, dead_lettered.',
    unit: 'ops',
    stacked: true,
    queries: [
      {
        expr: `sum by (kind, outcome) (rate(${PROCESSOR_METRIC.records}{${NS}}[${RATE}]))`,
        legend: '{{kind}} {{outcome}}',
      },
    ],
  },
  {
    title: 'Dedupe latency p50 / p99',
    description: 'Claiming the identities of one batch in Redis.',
    unit: 's',
    queries: quantiles(PROCESSOR_METRIC.dedupeDuration),
  },
  {
    title: 'End-to-end latency by kind',
    description:
      'From ingress receipt to processed output acknowledged (p50 and p99).',
    unit: 's',
    queries: quantiles(PROCESSOR_METRIC.endToEnd, '', 'kind'),
  },
  {
    title: 'Batch retries',
    description:
      'Batches retried because Redis, Kafka or a claim was unavailable (consumption pauses).',
    unit: 'ops',
    queries: [
      {
        expr: `sum(rate(${PROCESSOR_METRIC.batchRetries}{${NS}}[${RATE}]))`,
        legend: 'retries',
      },
    ],
  },
];

const lag: PanelSpec[] = [
  {
    title: 'Consumer lag by group',
    description:
      "Records behind, from Strimzi's Kafka Exporter (kafka_consumergroup_lag).",
    unit: 'short',
    width: 24,
    queries: [
      {
        expr: 'sum by (consumergroup, topic) (kafka_consumergroup_lag{consumergroup=~".*wapipe-(fanout|processor|media-fetcher)"})',
        legend: '{{consumergroup}} {{topic}}',
      },
    ],
  },
];

const mediaPanels: PanelSpec[] = [
  {
    title: 'Media requests by outcome',
    description:
      'stored, already_stored, duplicate, dead_lettered, handed_back, error.',
    unit: 'ops',
    stacked: true,
    queries: [rateBy(MEDIA_METRIC.downloads, 'outcome')],
  },
  {
    title: 'Bytes downloaded and verified',
    description:
      'Media bytes whose size and SHA-256 matched what Meta announced.',
    unit: 'Bps',
    queries: [
      {
        expr: `sum(rate(${MEDIA_METRIC.bytes}{${NS}}[${RATE}]))`,
        legend: 'bytes',
      },
    ],
  },
  {
    title: 'Fetch duration p50 / p99 by outcome',
    description: 'From claim to stored record or dead letter.',
    unit: 's',
    queries: quantiles(MEDIA_METRIC.fetchDuration, '', 'outcome'),
  },
  {
    title: 'Graph API errors by code',
    description:
      'Meta error codes (190 token, 4/17/32/613/80007/130429/131056 throttling), http_<status>, network, bad_answer.',
    unit: 'ops',
    stacked: true,
    queries: [rateBy(MEDIA_METRIC.graphErrors, 'code')],
  },
  {
    title: 'Downloads in flight',
    description: 'Per pod; bounded by MEDIA_CONCURRENCY.',
    unit: 'short',
    queries: [
      {
        expr: `sum by (pod) (${MEDIA_METRIC.inFlight}{${NS}})`,
        legend: '{{pod}}',
      },
    ],
  },
];

const JOB = `${NS},job=~"$job"`;

function perPod(metric: string, wrap = (s: string) => s): Query {
  return {
    expr: `sum by (job, pod) (${wrap(`${metric}{${JOB}}`)})`,
    legend: '{{pod}}',
  };
}

const runtime: PanelSpec[] = [
  {
    title: 'CPU',
    description: 'CPU seconds per second (cores), per pod.',
    unit: 'short',
    queries: [
      perPod('process_cpu_seconds_total', (s) => `rate(${s}[${RATE}])`),
    ],
  },
  {
    title: 'Resident memory',
    description: 'RSS per pod; compare with the memory limit.',
    unit: 'bytes',
    queries: [perPod('process_resident_memory_bytes')],
  },
  {
    title: 'Heap used',
    description: 'V8 heap in use per pod.',
    unit: 'bytes',
    queries: [perPod('nodejs_heap_size_used_bytes')],
  },
  {
    title: 'Event loop lag p99',
    description: 'A blocked event loop delays every answer and heartbeat.',
    unit: 's',
    queries: [perPod('nodejs_eventloop_lag_p99_seconds')],
  },
  {
    title: 'GC time',
    description: 'Seconds per second spent in garbage collection, per pod.',
    unit: 'percentunit',
    queries: [
      perPod('nodejs_gc_duration_seconds_sum', (s) => `rate(${s}[${RATE}])`),
    ],
  },
  {
    title: 'Open file descriptors',
    description: 'Sockets and files per pod.',
    unit: 'short',
    queries: [perPod('process_open_fds')],
  },
];

export const DASHBOARDS: Record<string, object> = {
  ingress: dashboard({
    uid: 'wapipe-ingress',
    title: 'wapipe / ingress',
    description: 'Webhook answers, signatures, Kafka produce and the mTLS CA.',
    rows: [
      { title: 'Overview', panels: ingressOverview },
      { title: 'Requests', panels: ingressRequests },
      { title: 'Kafka', panels: ingressKafka },
    ],
  }),
  pipeline: dashboard({
    uid: 'wapipe-pipeline',
    title: 'wapipe / fan-out and processor',
    description:
      'Records by kind and outcome, dedupe and end-to-end latency, lag.',
    rows: [
      { title: 'Fan-out', panels: fanout },
      { title: 'Processor', panels: processor },
      { title: 'Kafka lag', panels: lag },
    ],
  }),
  media: dashboard({
    uid: 'wapipe-media',
    title: 'wapipe / media fetcher',
    description: 'Media downloads, bytes, fetch time and Graph API errors.',
    rows: [{ title: 'Media', panels: mediaPanels }],
  }),
  runtime: dashboard({
    uid: 'wapipe-runtime',
    title: 'wapipe / Node.js runtime',
    description: 'Process metrics of every wapipe pod (prom-client defaults).',
    rows: [{ title: 'Runtime', panels: runtime }],
    variables: [
      labelVariable(
        'job',
        'label_values(up{namespace="$namespace", job=~"wapipe-.*"}, job)',
        true,
      ),
    ],
  }),
};
