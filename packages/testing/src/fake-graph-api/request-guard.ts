import type { IncomingHttpHeaders } from 'node:http';
import {
  invalidTokenError,
  missingHeaderError,
  type MetaErrorBody,
} from './meta-errors.ts';

export interface Refusal {
  status: number;
  body: MetaErrorBody;
}

/**
 * Why Meta would refuse this request, if it would: a header the script
 * requires is absent or different, or the bearer token is not the one
 * the media belongs to. Media URLs need the token too (§14.1 step 4).
 */
export function refusalOf(
  headers: IncomingHttpHeaders,
  requires: Record<string, string> | undefined,
  accessToken: string | undefined,
): Refusal | undefined {
  for (const [name, value] of Object.entries(requires ?? {})) {
    const lower = name.toLowerCase();
    if (headers[lower] === value) continue;
    if (lower === 'authorization') return tokenRefusal();
    return { status: 400, body: missingHeaderError(name) };
  }
  if (accessToken === undefined) return undefined;
  const bearer = headers.authorization;
  return bearer === `Bearer ${accessToken}` ? undefined : tokenRefusal();
}

function tokenRefusal(): Refusal {
  return { status: 401, body: invalidTokenError() };
}
