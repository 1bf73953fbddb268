import { context, propagation, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';

type Carrier = Record<string, string>;

/** Writes `traceparent` (and `tracestate`) of `ctx` into a header map. */
export function injectTraceContext(
  ctx: Context = context.active(),
): Carrier {
  const carrier: Carrier = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** Reads W3C trace headers (string or Buffer values) into a Context. */
export function extractTraceContext(
  headers: Record<string, unknown> | undefined,
): Context {
  const carrier: Carrier = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined) carrier[key.toLowerCase()] = text;
  }
  return propagation.extract(context.active(), carrier);
}

/** The trace id of the active span, for log correlation. */
export function traceIdOf(ctx: Context = context.active()): string | undefined {
  const span = trace.getSpanContext(ctx);
  return span?.traceId;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return headerText(value[0]);
  return undefined;
}
