import { randomFillSync } from 'node:crypto';
import {
  TraceFlags,
  context,
  isSpanContextValid,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Context, SpanContext } from '@opentelemetry/api';

type Carrier = Record<string, string>;

// The W3C format is the wire contract between our stages, so it is used
// directly rather than through whatever global propagator is registered.
const w3c = new W3CTraceContextPropagator();

/**
 * Writes `traceparent` (and `tracestate`) of `ctx` into a header map.
 * Every record must carry a trace id that joins the stages, even when no
 * tracer is recording, so a context without a span gets a fresh unsampled
 * one instead of no header.
 */
export function injectTraceContext(ctx: Context = context.active()): Carrier {
  const current = trace.getSpanContext(ctx);
  if (!current || !isSpanContextValid(current)) {
    // The ingress does this once per request: a string costs a fraction of
    // a Context plus the propagator (3.7% of its CPU in bench:ingress).
    return {
      traceparent: traceparent({
        traceId: randomHex(16),
        spanId: randomHex(8),
        traceFlags: TraceFlags.NONE,
      }),
    };
  }
  const carrier: Carrier = {};
  w3c.inject(ctx, carrier, defaultTextMapSetter);
  return carrier;
}

/** The W3C `traceparent` header value of a span context. */
export function traceparent(span: SpanContext): string {
  const flags = span.traceFlags.toString(16).padStart(2, '0');
  return `00-${span.traceId}-${span.spanId}-${flags}`;
}

// Random ids come from a pool refilled in one call: a system call per id
// (randomBytes) cost 13% of the ingress CPU in bench:ingress.
const randomPool = Buffer.alloc(4096);
let poolOffset = randomPool.length;

/** `bytes` random bytes as hex, never all zeros (invalid in W3C ids). */
export function randomHex(bytes: number): string {
  if (poolOffset + bytes > randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  const hex = randomPool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  // All-zero ids are invalid in W3C trace context; 2^-64 odds, but cheap.
  return /^0+$/.test(hex) ? randomHex(bytes) : hex;
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
  return w3c.extract(context.active(), carrier, defaultTextMapGetter);
}

/** The trace id of the active span, for log correlation. */
export function traceIdOf(ctx: Context = context.active()): string | undefined {
  const span = trace.getSpanContext(ctx);
  return span?.traceId;
}

/** A header's text, whether it came as a string, a Buffer or a list. */
export function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return headerText(value[0]);
  return undefined;
}
