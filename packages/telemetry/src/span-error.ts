import { SpanStatusCode } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';

/** Marks a span failed; telemetry must never throw into the caller. */
export function recordSpanError(span: Span, error: unknown): void {
  try {
    const err = error instanceof Error ? error : new Error(String(error));
    span.recordException(err);
    span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
  } catch {
    // A broken exporter is not a reason to fail a webhook.
  }
}
