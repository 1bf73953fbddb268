import type { Context } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { HEADER, buildHeaders, readHeader } from '@wapipe/kafka';
import { injectTraceContext } from '@wapipe/telemetry';

/**
 * Headers of an output record: the webhook's id and arrival time carried
 * over, and `traceparent` continuing the fetch span. The span's context is
 * passed explicitly: an async context manager may not be registered.
 */
export function outputHeaders(
  incoming: IHeaders | undefined,
  fallback: { webhookId: string | null; receivedAt: string | null },
  schemaVersion: number,
  traceContext: Context,
): IHeaders {
  return buildHeaders({
    receivedAt:
      readHeader(incoming, HEADER.receivedAt) ??
      fallback.receivedAt ??
      new Date().toISOString(),
    webhookId:
      readHeader(incoming, HEADER.webhookId) ?? fallback.webhookId ?? '',
    schemaVersion: String(schemaVersion),
    trace: injectTraceContext(traceContext),
  });
}
