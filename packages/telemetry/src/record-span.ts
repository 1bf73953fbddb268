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
  const parent = extractTraceContext(headers);
  if (!tracingEnabled()) return untracedChild(trace.getSpanContext(parent));
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

function untracedChild(parent: SpanContext | undefined): RecordSpan {
  const valid = parent !== undefined && isSpanContextValid(parent);
  const spanContext: SpanContext = {
    traceId: valid ? parent.traceId : randomHex(16),
    spanId: randomHex(8),
    traceFlags: valid ? parent.traceFlags : TraceFlags.NONE,
  };
  const headers: Record<string, string> = {
    traceparent: traceparent(spanContext),
  };
  const state = valid ? parent.traceState?.serialize() : undefined;
  if (state) headers.tracestate = state;
  return { span: trace.wrapSpanContext(spanContext), headers };
}
