import { readFileSync } from 'node:fs';
import Fastify, { LogController } from 'fastify';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import type { Logger } from '@wapipe/telemetry';
import type { IngressConfig } from './config.ts';
import { IngressError } from './errors.ts';
import type { IngressMetrics, RequestOutcome } from './metrics.ts';
import { decorateOutcome } from './request-outcome.ts';

/**
 * The public fastify instance: raw-buffer bodies, our error answers and
 * one access-log line per request. Routes are registered by the caller.
 */
export function buildHttpApp(
  config: IngressConfig,
  logger: Logger,
  metrics: IngressMetrics,
): FastifyInstance {
  const app = Fastify({
    ...tlsOptions(config),
    loggerInstance: logger,
    // We write one access line per request ourselves (onResponse).
    logController: new LogController({ disableRequestLogging: true }),
    // A pino child per request (with redaction) cost 2.3% of the CPU in
    // bench:ingress; our few request lines name the request id themselves.
    childLoggerFactory: (logger: FastifyBaseLogger) => logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // A trickled body would otherwise hold a socket and a buffer for ever.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    return503OnClosing: true,
  } as FastifyServerOptions) as unknown as FastifyInstance;
  decorateOutcome(app);
  acceptRawBodies(app);
  app.setErrorHandler((error, request, reply) => {
    const answer = errorAnswer(error);
    reply.outcome = answer.outcome;
    if (answer.status >= 500)
      request.log.error({ reqId: request.id, err: error }, 'request failed');
    return reply.code(answer.status).send({ error: answer.code });
  });
  // Callback hooks: an async one costs a promise per request.
  app.addHook('onRequest', (request, _reply, done) => {
    metrics.inFlight.inc();
    labelAsRaw(request);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    metrics.inFlight.dec();
    logAndCount(request, reply, metrics);
    done();
  });
  return app;
}

// The signature covers the bytes, not their label. fastify answers 415 to
// a Content-Type it cannot parse (say `;;;`) before any route runs: an
// unsigned request would not hear 401, and a signed body would be refused
// instead of kept. Every body is read as raw bytes anyway.
function labelAsRaw(request: FastifyRequest): void {
  if (request.headers['content-type'] !== undefined)
    request.headers['content-type'] = 'application/octet-stream';
}

// The signature covers the bytes exactly as sent, so no parser may touch
// them first: every content type arrives as one Buffer.
function acceptRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });
}

interface ErrorAnswer {
  status: number;
  code: string;
  outcome: RequestOutcome;
}

function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof IngressError) {
    return {
      status: error.statusCode,
      code: error.code,
      outcome: outcomeOf(error.statusCode),
    };
  }
  const status = (error as { statusCode?: number }).statusCode ?? 500;
  if (status === 413) {
    return { status, code: 'WAP_INGRESS_BODY_TOO_LARGE', outcome: 'too_large' };
  }
  if (status >= 400 && status < 500) {
    return { status, code: 'WAP_INGRESS_BAD_REQUEST', outcome: 'error' };
  }
  return { status: 500, code: 'WAP_INGRESS_INTERNAL', outcome: 'error' };
}

function outcomeOf(status: number): RequestOutcome {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 503) return 'unavailable';
  return 'error';
}

function logAndCount(
  request: FastifyRequest,
  reply: FastifyReply,
  metrics: IngressMetrics,
): void {
  const outcome =
    reply.outcome ?? (reply.statusCode === 404 ? 'not_found' : 'error');
  const seconds = reply.elapsedTime / 1e3;
  const labels = { method: request.method, outcome };
  metrics.requests.inc(labels);
  metrics.duration.observe(labels, seconds);
  const fields = {
    reqId: request.id,
    method: request.method,
    statusCode: reply.statusCode,
    outcome,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
    changes: reply.changeCount,
  };
  if (reply.statusCode >= 500) request.log.warn(fields, 'request completed');
  else request.log.info(fields, 'request completed');
}

function tlsOptions(config: IngressConfig): Partial<FastifyServerOptions> {
  if (!config.TLS_CERT_FILE || !config.TLS_KEY_FILE) return {};
  const ca = config.TLS_CLIENT_CA_FILE;
  return {
    https: {
      cert: readFileSync(config.TLS_CERT_FILE),
      key: readFileSync(config.TLS_KEY_FILE),
      ...(ca
        ? { ca: readFileSync(ca), requestCert: true, rejectUnauthorized: true }
        : {}),
    },
  } as Partial<FastifyServerOptions>;
}
