import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from '@wapipe/telemetry';

/** Metric names: base units, `_total` counters (DESIGN: operating it). */
export const METRIC = {
  downloads: 'wapipe_media_downloads_total',
  bytes: 'wapipe_media_bytes_total',
  fetchDuration: 'wapipe_media_fetch_duration_seconds',
  graphErrors: 'wapipe_media_graph_errors_total',
  inFlight: 'wapipe_media_downloads_in_flight',
} as const;

/** Span and attribute names of the fetch span. */
export const SPAN = { fetch: 'media fetch' } as const;
export const ATTR = {
  mediaId: 'wapipe.media.id',
  outcome: 'wapipe.media.outcome',
  attempts: 'wapipe.media.attempts',
  storageKey: 'wapipe.media.storage_key',
} as const;

/** Final outcome of one media request; a bounded label set. */
export type DownloadOutcome =
  | 'stored'
  | 'already_stored'
  | 'duplicate'
  | 'dead_lettered'
  | 'handed_back'
  | 'error';

export interface MediaMetrics {
  downloads: Counter<'outcome'>;
  bytes: Counter;
  fetchDuration: Histogram<'outcome'>;
  graphErrors: Counter<'code'>;
  inFlight: Gauge;
}

export function createMediaMetrics(registry: MetricsRegistry): MediaMetrics {
  const registers = [registry];
  return {
    downloads: new Counter({
      name: METRIC.downloads,
      help: 'Media requests finished, by outcome.',
      labelNames: ['outcome'],
      registers,
    }),
    bytes: new Counter({
      name: METRIC.bytes,
      help: 'Media bytes downloaded and verified.',
      registers,
    }),
    fetchDuration: fetchDuration(registry),
    graphErrors: new Counter({
      name: METRIC.graphErrors,
      help: 'Failed Graph API lookups and downloads, by Meta error code.',
      labelNames: ['code'],
      registers,
    }),
    inFlight: new Gauge({
      name: METRIC.inFlight,
      help: 'Media requests being fetched right now.',
      registers,
    }),
  };
}

function fetchDuration(registry: MetricsRegistry): Histogram<'outcome'> {
  return new Histogram({
    name: METRIC.fetchDuration,
    help: 'Time from claim to stored record (or dead letter), in seconds.',
    labelNames: ['outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
}
