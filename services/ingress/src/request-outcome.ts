import type { FastifyInstance } from 'fastify';
import type { RequestOutcome } from './metrics.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** Set by each route; read once by the access log and the metrics. */
    outcome: RequestOutcome | undefined;
    /** How many changes the request made durable, for the access log. */
    changeCount: number | undefined;
  }
}

export function decorateOutcome(app: FastifyInstance): void {
  app.decorateReply('outcome', undefined);
  app.decorateReply('changeCount', undefined);
}
