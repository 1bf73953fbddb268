import { SpanKind, trace, type Context } from '@opentelemetry/api';
import {
  extractTraceContext,
  getTracer,
  recordSpanError,
} from '@wapipe/telemetry';
import type { IHeaders } from 'kafkajs';
import {
  ATTR,
  SPAN,
  type DownloadOutcome,
  type MediaMetrics,
} from './metrics.ts';

const tracer = getTracer('@wapipe/media-fetcher');

/**
 * Runs the handling of one record inside a span that continues the
 * webhook's trace (handed to `run` for the output headers), and counts
 * its outcome, duration and concurrency.
 */
export async function instrumented(
  metrics: MediaMetrics,
  headers: IHeaders | undefined,
  run: (traceContext: Context) => Promise<DownloadOutcome>,
): Promise<DownloadOutcome> {
  const parent = extractTraceContext(headers);
  const span = tracer.startSpan(
    SPAN.fetch,
    { kind: SpanKind.CONSUMER },
    parent,
  );
  metrics.inFlight.inc();
  const stopTimer = metrics.fetchDuration.startTimer();
  let outcome: DownloadOutcome = 'error';
  try {
    outcome = await run(trace.setSpan(parent, span));
    return outcome;
  } catch (error) {
    recordSpanError(span, error);
    throw error;
  } finally {
    span.setAttribute(ATTR.outcome, outcome);
    stopTimer({ outcome });
    metrics.downloads.inc({ outcome });
    metrics.inFlight.dec();
    span.end();
  }
}
