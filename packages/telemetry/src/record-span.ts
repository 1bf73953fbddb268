import {
  SpanKind,
  TraceFlags,
  isSpanContextValid,
  trace,
} from '@opentelemetry/api';
import type { Span, SpanContext } from '@opentelemetry/api';
import { getTracer, tracingEnabled } from './tracing.ts';
import {
  extractTraceContext,
  headerText,
  injectTraceContext,
  randomHex,
  traceparent,
} from './trace-context.ts';

export interface RecordSpan {
  span: Span;
  /** W3C headers naming this span, for the records it produces. */
  headers: Record<string, string>;
}

/**
 * A consumer span for one Kafka record, child of the trace its headers
 * carry, so one trace follows a webhook through every topic. When
 * tracing is off it is a bare span context: a new span id in the same
 * trace, without the tracer (5.6% of the processor's CPU otherwise).
 */
export function startRecordSpan(
  stage: string,
  topic: string,
  headers: Record<string, unknown> | undefined,
): RecordSpan {
  if (!tracingEnabled()) return untracedChild(headers);
  const parent = extractTraceContext(headers);
  const span = getTracer(`wapipe-${stage}`).startSpan(
    `${topic} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'messaging.operation.type': 'process',
      },
    },
    parent,
  );
  return { span, headers: injectTraceContext(trace.setSpan(parent, span)) };
}

function untracedChild(
  headers: Record<string, unknown> | undefined,
): RecordSpan {
  const parent = parentOf(headers);
  const valid = parent !== undefined && isSpanContextValid(parent);
  const spanContext: SpanContext = {
    traceId: valid ? parent.traceId : randomHex(16),
    spanId: randomHex(8),
    traceFlags: valid ? parent.traceFlags : TraceFlags.NONE,
  };
  const out: Record<string, string> = {
    traceparent: traceparent(spanContext),
  };
  const state = valid ? parent.traceState?.serialize() : undefined;
  if (state) out.tracestate = state;
  return { span: trace.wrapSpanContext(spanContext), headers: out };
}

const TRACEPARENT_V00 = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

// Our stages write a version-00 traceparent and, while tracing is off, no
// tracestate: that case is read directly. Extracting a whole Context per
// record (every header decoded, the propagator's pattern) cost each
// consumer stage about 3% of its CPU. Anything else, a tracestate to
// validate included, still goes through the propagator.
function parentOf(
  headers: Record<string, unknown> | undefined,
): SpanContext | undefined {
  const value = headerText(headers?.traceparent);
  const match = value === undefined ? null : TRACEPARENT_V00.exec(value);
  if (!match || headers?.tracestate !== undefined)
    return trace.getSpanContext(extractTraceContext(headers));
  const [, traceId = '', spanId = '', flags = '00'] = match;
  return { traceId, spanId, traceFlags: parseInt(flags, 16) };
}
