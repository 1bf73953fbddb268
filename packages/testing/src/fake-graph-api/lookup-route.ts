import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { recordCall } from './call-log.ts';
import type { FakeState } from './fake-state.ts';
import { unknownObjectError } from './meta-errors.ts';
import { refusalOf } from './request-guard.ts';
import { missingHeaderOverride } from './script-book.ts';
import { sendScripted } from './send-scripted.ts';

interface LookupParams {
  version: string;
  mediaId: string;
}

/** `GET /{version}/{media_id}` (REFERENCE §14.1 steps 2-3). */
export function registerLookupRoute(
  app: FastifyInstance,
  state: FakeState,
): void {
  app.get<{ Params: LookupParams }>(
    '/:version/:mediaId',
    async (request, reply) => {
      const { mediaId } = request.params;
      const call = recordCall(state.calls, request, 'lookup', mediaId);
      reply.raw.once('finish', () => (call.status = reply.statusCode));
      if (state.book.get(mediaId)?.spec.lookup) {
        return answerScripted(state, mediaId, request.headers, reply);
      }
      return answerServed(state, mediaId, request.headers, reply);
    },
  );
}

async function answerScripted(
  state: FakeState,
  mediaId: string,
  headers: IncomingHttpHeaders,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const scripted = state.book.get(mediaId);
  const endpoint = scripted?.spec.lookup ?? {};
  const override = missingHeaderOverride(endpoint, headers);
  if (override) {
    const response = state.book.next(override, `${mediaId}|lookup|missing`);
    return sendScripted(reply, response, state.baseUrl);
  }
  const token = scripted?.accessToken ?? state.accessToken;
  const refusal = refusalOf(headers, endpoint.requires_headers, token);
  if (refusal) return reply.code(refusal.status).send(refusal.body);
  const response = state.book.next(endpoint, `${mediaId}|lookup`);
  return sendScripted(reply, response, state.baseUrl);
}

function answerServed(
  state: FakeState,
  mediaId: string,
  headers: IncomingHttpHeaders,
  reply: FastifyReply,
): FastifyReply {
  const token = state.served.accessTokenOf(mediaId) ?? state.accessToken;
  const refusal = refusalOf(headers, undefined, token);
  if (refusal) return reply.code(refusal.status).send(refusal.body);
  const media = state.served.get(mediaId);
  if (!media) return reply.code(400).send(unknownObjectError(mediaId));
  const tok = state.served.mintUrlToken(mediaId);
  return reply.send({
    messaging_product: 'whatsapp',
    url: lookasideUrl(state.baseUrl, mediaId, tok),
    mime_type: media.mimeType,
    sha256: media.sha256Hex,
    file_size: media.size,
    id: mediaId,
  });
}

function lookasideUrl(baseUrl: string, mediaId: string, tok: string): string {
  const query = new URLSearchParams({ mid: mediaId, ext: '1', tok });
  return `${baseUrl}/whatsapp_business/attachments/?${query.toString()}`;
}
