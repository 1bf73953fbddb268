import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { startRecordSpan } from './record-span.ts';
import { extractTraceContext, injectTraceContext } from './trace-context.ts';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-00$/;
const TRACEPARENT_ANY = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

describe('injectTraceContext', () => {
  it('gives a context without a span a fresh unsampled traceparent', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const { traceparent } = injectTraceContext(ROOT_CONTEXT);
      expect(traceparent).toMatch(TRACEPARENT);
      ids.add(traceparent as string);
    }
    // Ids come from a pool refilled every few hundred calls: none repeats.
    expect(ids.size).toBe(1000);
  });

  it('writes the ids of the span in the context', () => {
    const spanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    };
    const ctx = trace.setSpanContext(ROOT_CONTEXT, spanContext);
    expect(injectTraceContext(ctx).traceparent).toBe(
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    );
  });

  it('round-trips through extractTraceContext', () => {
    const headers = injectTraceContext(ROOT_CONTEXT);
    const extracted = trace.getSpanContext(extractTraceContext(headers));
    const [, traceId, spanId] = TRACEPARENT.exec(
      headers.traceparent as string,
    ) as RegExpExecArray;
    expect(extracted).toMatchObject({ traceId, spanId });
  });
});

describe('startRecordSpan without tracing', () => {
  it('continues the trace of the record one span down', () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const { span, headers } = startRecordSpan('test', 'topic', {
      traceparent: Buffer.from(parent),
      tracestate: 'vendor=value',
    });
    const [, traceId, spanId, flags] = TRACEPARENT_ANY.exec(
      headers.traceparent as string,
    ) as RegExpExecArray;
    expect(traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(spanId).not.toBe('b7ad6b7169203331');
    expect(flags).toBe('01');
    expect(headers.tracestate).toBe('vendor=value');
    expect(span.spanContext().spanId).toBe(spanId);
  });

  it('starts a trace for a record that carries none', () => {
    const { headers } = startRecordSpan('test', 'topic', {});
    expect(headers.traceparent).toMatch(TRACEPARENT);
  });

  it('starts a trace for a record whose trace id is all zeros', () => {
    const zeros = `00-${'0'.repeat(32)}-b7ad6b7169203331-01`;
    const { headers } = startRecordSpan('test', 'topic', {
      traceparent: zeros,
      tracestate: 'vendor=value',
    });
    expect(headers.traceparent).toMatch(TRACEPARENT);
    expect(headers.traceparent).not.toContain('0'.repeat(32));
    expect(headers.tracestate).toBeUndefined();
  });

  it('reads a later version of traceparent through the propagator', () => {
    const future =
      'cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra';
    const { headers } = startRecordSpan('test', 'topic', {
      Traceparent: future,
    });
    const [, traceId] = TRACEPARENT_ANY.exec(
      headers.traceparent as string,
    ) as RegExpExecArray;
    expect(traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  });
});
