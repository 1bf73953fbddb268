import { hash } from 'node:crypto';
import { SpanKind, context, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  extractTraceContext,
  getTracer,
  injectTraceContext,
  recordSpanError,
  tracingEnabled,
  type Logger,
} from '@wapipe/telemetry';
import { IngressError } from './errors.ts';
import type { IngressMetrics } from './metrics.ts';
import { HmacSha256Key } from './hmac-key.ts';
import { verifySignature } from './signature.ts';
import { splitChanges } from './split-changes.ts';
import type {
  KeepRaw,
  WebhookContext,
  WebhookWriter,
} from './webhook-writer.ts';
import { clientCertAccepted, type ClientCertPolicy } from './client-cert.ts';

export interface WebhookRouteOptions {
  path: string;
  appSecrets: readonly string[];
  clientCert: ClientCertPolicy;
  writer: WebhookWriter;
  metrics: IngressMetrics;
  logger: Logger;
}

/**
 * POST: authenticate the exact bytes, then make them durable, then 200.
 * Order matters: nothing is parsed before the signature holds, and
 * nothing is answered 200 before Kafka acknowledged.
 */
export function registerWebhookRoute(
  app: FastifyInstance,
  options: WebhookRouteOptions,
): void {
  const keys = options.appSecrets.map((secret) => new HmacSha256Key(secret));
  app.post(options.path, async (request, reply) => {
    if (!clientCertAccepted(request, options.clientCert)) {
      throw new IngressError(
        'WAP_INGRESS_CLIENT_CERT_REJECTED',
        'client certificate does not name Meta',
      );
    }
    const rawBody = asBuffer(request.body);
    authenticate(rawBody, request, keys, options.metrics);
    return traced(request, () => persist(rawBody, reply, options));
  });
}

function authenticate(
  rawBody: Buffer,
  request: FastifyRequest,
  keys: readonly HmacSha256Key[],
  metrics: IngressMetrics,
): void {
  const header = request.headers['x-hub-signature-256'];
  const check = verifySignature(rawBody, header, keys);
  if (check.ok) return;
  metrics.signatureFailures.inc({ reason: check.reason });
  throw new IngressError(check.code, `signature ${check.reason}`);
}

async function persist(
  rawBody: Buffer,
  reply: FastifyReply,
  options: WebhookRouteOptions,
): Promise<FastifyReply> {
  const ctx: WebhookContext = {
    webhookId: hash('sha256', rawBody),
    receivedAt: new Date().toISOString(),
    trace: injectTraceContext(),
  };
  const split = splitChanges(rawBody, ctx);
  const started = performance.now();
  try {
    await options.writer.write(
      split.ok ? split.changes : [],
      keepRaw(rawBody, split),
      ctx,
    );
  } catch (error) {
    options.metrics.produceErrors.inc({ reason: produceFailure(error) });
    throw new IngressError(
      'WAP_INGRESS_KAFKA_UNAVAILABLE',
      'kafka did not acknowledge',
      error,
    );
  }
  options.metrics.produceDuration.observe((performance.now() - started) / 1e3);
  return accepted(reply, split, options);
}

// Signed but (partly) unusable: the raw bytes go to the DLQ, because a
// retry from Meta would carry the same bytes for seven days.
function keepRaw(
  rawBody: Buffer,
  split: ReturnType<typeof splitChanges>,
): KeepRaw | undefined {
  if (!split.ok) return { rawBody, reason: split.reason, detail: split.detail };
  if (split.malformed === 0) return undefined;
  const detail = `${split.malformed} malformed entries or changes`;
  return { rawBody, reason: 'WAP_INGRESS_PARTLY_MALFORMED', detail };
}

function accepted(
  reply: FastifyReply,
  split: ReturnType<typeof splitChanges>,
  options: WebhookRouteOptions,
): FastifyReply {
  if (split.ok) {
    reply.outcome = 'accepted';
    reply.changeCount = split.changes.length;
    options.metrics.changes.inc(split.changes.length);
  } else {
    // Signed but unusable: kept raw in the DLQ, and 200 because Meta
    // retrying the same bytes for seven days would not help.
    reply.outcome = 'dead_lettered';
    options.logger.warn({ reason: split.reason }, 'signed body dead-lettered');
  }
  return reply.code(200).send();
}

async function traced<T>(
  request: FastifyRequest,
  work: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return work();
  const parent = extractTraceContext(request.headers);
  const span = getTracer('wapipe-ingress').startSpan(
    'webhook receive',
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST' } },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    recordSpanError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

function produceFailure(error: unknown): string {
  return error instanceof Error && error.name === 'ProduceTimeoutError'
    ? 'timeout'
    : 'broker';
}

function asBuffer(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}
