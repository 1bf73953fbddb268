import { trace } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  AlwaysOnSampler,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface Tracing {
  /** Flushes buffered spans; resolves even when the exporter is down. */
  shutdown(): Promise<void>;
}

/**
 * Registers a tracer provider, the W3C propagator and async context.
 * Without an OTLP endpoint spans are never recorded: ids are still minted
 * so `traceparent` headers join the stages, but nothing is buffered or sent.
 */
export function startTracing(options: {
  service: string;
  otlpEndpoint?: string | undefined;
}): Tracing {
  const exporting = options.otlpEndpoint !== undefined;
  recording = exporting;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service }),
    sampler: exporting
      ? new ParentBasedSampler({ root: new AlwaysOnSampler() })
      : new AlwaysOffSampler(),
    spanProcessors: exporting
      ? [new BatchSpanProcessor(exporterFor(options.otlpEndpoint))]
      : [],
  });
  provider.register();
  return { shutdown: () => provider.shutdown().catch(() => undefined) };
}

let recording = false;

/**
 * Whether spans are exported. Hot paths may skip creating spans when not:
 * trace ids still flow through the record headers either way.
 */
export function tracingEnabled(): boolean {
  return recording;
}

export function getTracer(name: string): Tracer {
  return trace.getTracer(name);
}

function exporterFor(endpoint: string | undefined): OTLPTraceExporter {
  const base = (endpoint ?? '').replace(/\/$/, '');
  return new OTLPTraceExporter({ url: `${base}/v1/traces` });
}
