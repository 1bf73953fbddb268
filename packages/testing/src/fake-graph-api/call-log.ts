import type { FastifyRequest } from 'fastify';
import type { GraphCall, GraphCallKind } from './types.ts';

/** Appends the request to `calls` and returns the entry to complete. */
export function recordCall(
  calls: GraphCall[],
  request: FastifyRequest,
  kind: GraphCallKind,
  mediaId: string | undefined,
): GraphCall {
  const query = (request.query ?? {}) as Record<string, string>;
  const call: GraphCall = {
    kind,
    method: request.method,
    path: request.url.split('?')[0] ?? request.url,
    query: { ...query },
    mediaId,
    urlToken: query.tok,
    headers: { ...request.headers },
    userAgentCount: countRawHeader(request.raw.rawHeaders, 'user-agent'),
    status: undefined,
    at: Date.now(),
  };
  calls.push(call);
  return call;
}

function countRawHeader(rawHeaders: string[], name: string): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === name) count += 1;
  }
  return count;
}
