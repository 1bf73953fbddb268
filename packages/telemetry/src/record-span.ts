import { SpanKind, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { getTracer } from './tracing.ts';
import { extractTraceContext, injectTraceContext } from './trace-context.ts';

export interface RecordSpan {
  span: Span;
  /** W3C headers naming this span, for the records it produces. */
  headers: Record<string, string>;
}

/**
 * A consumer span for one Kafka record, child of the trace its headers
 * carry, so one trace follows a webhook through every topic. Costs only
 * id generation when tracing is off.
 */
export function startRecordSpan(
  stage: string,
  topic: string,
  headers: Record<string, unknown> | undefined,
): RecordSpan {
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
