import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply } from 'fastify';
import type { ScriptedResponse } from './types.ts';

const LOOKASIDE = '{{LOOKASIDE}}';

/** Sends a scripted answer, with `{{LOOKASIDE}}` as the fake's base URL. */
export async function sendScripted(
  reply: FastifyReply,
  response: ScriptedResponse,
  baseUrl: string,
): Promise<FastifyReply> {
  if (response.delay_ms) await sleep(response.delay_ms);
  const status = response.status ?? 200;
  reply.code(status);
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    reply.header(name, substitute(value, baseUrl));
  }
  const retryAfter = response.retry_after ?? (status === 429 ? 1 : undefined);
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  return sendBody(reply, response, baseUrl);
}

function sendBody(
  reply: FastifyReply,
  response: ScriptedResponse,
  baseUrl: string,
): FastifyReply {
  if (response.content_base64 !== undefined) {
    reply.type(response.content_type ?? 'application/octet-stream');
    return reply.send(Buffer.from(response.content_base64, 'base64'));
  }
  if (response.body !== undefined) {
    reply.type(response.content_type ?? 'text/plain');
    return reply.send(substitute(response.body, baseUrl));
  }
  reply.type(response.content_type ?? 'application/json');
  const json = substituteDeep(response.json ?? {}, baseUrl);
  return reply.send(JSON.stringify(json));
}

function substitute(text: string, baseUrl: string): string {
  return text.replaceAll(LOOKASIDE, baseUrl);
}

function substituteDeep(value: unknown, baseUrl: string): unknown {
  if (typeof value === 'string') return substitute(value, baseUrl);
  if (Array.isArray(value)) {
    return value.map((item) => substituteDeep(item, baseUrl));
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = substituteDeep(item, baseUrl);
  }
  return out;
}
