import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from './metrics.ts';

export interface ManagementServerOptions {
  registry: MetricsRegistry;
  /** Ready means "send me traffic": dependencies connected, not draining. */
  isReady: () => boolean;
}

/**
 * Health, readiness and Prometheus metrics on their own server, so the
 * public webhook port never exposes internals. Built, not listening.
 */
export function buildManagementServer(
  options: ManagementServerOptions,
): FastifyInstance {
  const app = Fastify({ logger: false });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const ready = options.isReady();
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not ready' });
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await options.registry.metrics();
    return reply.type(options.registry.contentType).send(body);
  });

  return app;
}
