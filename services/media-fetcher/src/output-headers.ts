import type { IHeaders } from 'kafkajs';
import { HEADER, buildHeaders, readHeader } from '@wapipe/kafka';
import { injectTraceContext } from '@wapipe/telemetry';

/**
 * Headers of an output record: the webhook's id and arrival time carried
 * over, and the trace continued from the active span. When no propagator
 * is registered (tracing off), the incoming `traceparent` is passed on as
 * it came, so the trace still joins up downstream.
 */
export function outputHeaders(
  incoming: IHeaders | undefined,
  fallback: { webhookId: string | null; receivedAt: string | null },
  schemaVersion: number,
): IHeaders {
  return buildHeaders({
    receivedAt:
      readHeader(incoming, HEADER.receivedAt) ??
      fallback.receivedAt ??
      new Date().toISOString(),
    webhookId: readHeader(incoming, HEADER.webhookId) ?? fallback.webhookId ?? '',
    schemaVersion: String(schemaVersion),
    trace: traceHeaders(incoming),
  });
}

function traceHeaders(incoming: IHeaders | undefined): Record<string, string> {
  const trace = injectTraceContext();
  if (trace[HEADER.traceparent] !== undefined) return trace;
  const carried: Record<string, string> = {};
  for (const name of [HEADER.traceparent, HEADER.tracestate]) {
    const value = readHeader(incoming, name);
    if (value !== undefined) carried[name] = value;
  }
  return carried;
}
