import type { IHeaders } from 'kafkajs';

/** Header names every pipeline record carries (DESIGN: flow). */
export const HEADER = {
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  receivedAt: 'received-at',
  webhookId: 'webhook-id',
  schemaVersion: 'schema-version',
} as const;

export interface PipelineHeaders {
  /** ISO-8601 instant the ingress received the webhook. */
  receivedAt: string;
  /** SHA-256 hex of the raw webhook body. */
  webhookId: string;
  schemaVersion: string;
  /** W3C trace headers, from injectTraceContext. */
  trace: Record<string, string>;
}

export function buildHeaders(headers: PipelineHeaders): IHeaders {
  const out: IHeaders = {
    [HEADER.receivedAt]: headers.receivedAt,
    [HEADER.webhookId]: headers.webhookId,
    [HEADER.schemaVersion]: headers.schemaVersion,
  };
  for (const [key, value] of Object.entries(headers.trace)) out[key] = value;
  return out;
}

/** A header as text, whatever shape kafkajs handed it over in. */
export function readHeader(
  headers: IHeaders | undefined,
  name: string,
): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}
