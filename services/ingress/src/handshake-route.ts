import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { IngressMetrics } from './metrics.ts';

interface HandshakeQuery {
  'hub.mode'?: string;
  'hub.challenge'?: string;
  'hub.verify_token'?: string;
}

/**
 * Meta's subscription check (REFERENCE §11): echo `hub.challenge` as plain
 * text, byte for byte, when the mode is subscribe and the token matches.
 * The challenge is never parsed as a number: it may exceed 2^53 or start
 * with zeros. GET carries no body and no signature, so none is asked for.
 */
export function registerHandshakeRoute(
  app: FastifyInstance,
  options: {
    path: string;
    verifyToken: string | undefined;
    metrics: IngressMetrics;
  },
): void {
  app.get<{ Querystring: HandshakeQuery }>(
    options.path,
    async (request, reply) => {
      const query = request.query;
      const challenge = query['hub.challenge'];
      const accepted =
        query['hub.mode'] === 'subscribe' &&
        typeof challenge === 'string' &&
        tokenMatches(query['hub.verify_token'], options.verifyToken);

      reply.outcome = accepted ? 'handshake_ok' : 'handshake_rejected';
      if (!accepted) {
        return reply
          .code(403)
          .type('text/plain; charset=utf-8')
          .send('forbidden');
      }
      return reply.code(200).type('text/plain; charset=utf-8').send(challenge);
    },
  );
}

function tokenMatches(given: unknown, expected: string | undefined): boolean {
  if (expected === undefined || typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // Compare equal-length buffers only; the length itself is not secret.
  return a.length === b.length && timingSafeEqual(a, b);
}
