export { createLogger, REDACTED_PATHS, type Logger } from './logger.ts';
export { createMetricsRegistry, type MetricsRegistry } from './metrics.ts';
export {
  startTracing,
  getTracer,
  tracingEnabled,
  type Tracing,
} from './tracing.ts';
export {
  injectTraceContext,
  extractTraceContext,
  traceIdOf,
} from './trace-context.ts';
export {
  buildManagementServer,
  type ManagementServerOptions,
} from './management-server.ts';
export { recordSpanError } from './span-error.ts';
export { runService } from './run-service.ts';
export { startRecordSpan, type RecordSpan } from './record-span.ts';
export { PeriodicCheck } from './periodic-check.ts';
