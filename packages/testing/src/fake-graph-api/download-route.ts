import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { recordCall } from './call-log.ts';
import type { FakeState } from './fake-state.ts';
import { expiredUrlError } from './meta-errors.ts';
import { refusalOf } from './request-guard.ts';
import { missingHeaderOverride } from './script-book.ts';
import { sendScripted } from './send-scripted.ts';

interface DownloadQuery {
  mid?: string;
  tok?: string;
}

/** The lookaside host: a GET of the URL a lookup returned (§14.1 step 4). */
export function registerDownloadRoute(
  app: FastifyInstance,
  state: FakeState,
): void {
  app.get<{ Querystring: DownloadQuery }>(
    '/whatsapp_business/attachments/',
    async (request, reply) => {
      const { mid, tok } = request.query;
      const call = recordCall(state.calls, request, 'download', mid);
      reply.raw.once('finish', () => (call.status = reply.statusCode));
      if (mid !== undefined && state.book.get(mid)?.spec.download) {
        return answerScripted(state, mid, tok, request.headers, reply);
      }
      return answerServed(state, mid, tok, request.headers, reply);
    },
  );
}

async function answerScripted(
  state: FakeState,
  mediaId: string,
  tok: string | undefined,
  headers: IncomingHttpHeaders,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const endpoint = state.book.downloadEndpoint(mediaId, tok) ?? {};
  const sequence = `${mediaId}|download|${tok ?? ''}`;
  const override = missingHeaderOverride(endpoint, headers);
  if (override) {
    const response = state.book.next(override, `${sequence}|missing`);
    return sendScripted(reply, response, state.baseUrl);
  }
  const token = state.book.get(mediaId)?.accessToken ?? state.accessToken;
  const refusal = refusalOf(headers, endpoint.requires_headers, token);
  if (refusal) return reply.code(refusal.status).send(refusal.body);
  const response = state.book.next(endpoint, sequence);
  return sendScripted(reply, response, state.baseUrl);
}

function answerServed(
  state: FakeState,
  mediaId: string | undefined,
  tok: string | undefined,
  headers: IncomingHttpHeaders,
  reply: FastifyReply,
): FastifyReply {
  const media = mediaId === undefined ? undefined : state.served.get(mediaId);
  if (!media || !state.served.isLive(media.id, tok)) {
    return reply.code(404).send(expiredUrlError());
  }
  const token = state.served.accessTokenOf(media.id) ?? state.accessToken;
  const refusal = refusalOf(headers, undefined, token);
  if (refusal) return reply.code(refusal.status).send(refusal.body);
  return reply.type(media.mimeType).send(media.bytes);
}
