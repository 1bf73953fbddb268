import { createHmac } from 'node:crypto';
import { signBody } from '@wapipe/testing';
import { mapStringTokens } from './json-string-tokens.ts';

// FORMAT.md `repeat`: a case runs again with fresh ids. The ids are the
// wamids of messages and statuses; every JSON string equal to one of them
// gets the suffix, in the bodies and in the expectations alike, so
// references (context.id, status_view keys) stay consistent.

/** Every messages[].id and statuses[].id in these bodies. */
export function collectWamids(bodies: Buffer[]): Set<string> {
  const ids = new Set<string>();
  for (const body of bodies) {
    for (const value of changeValues(parseJson(body))) {
      for (const item of [
        ...arrayOf(value.messages),
        ...arrayOf(value.statuses),
      ]) {
        const id = (item as { id?: unknown } | null)?.id;
        if (typeof id === 'string') ids.add(id);
      }
    }
  }
  return ids;
}

/**
 * The body with the suffix appended inside every JSON string token whose
 * decoded value is one of `ids`; every other byte stays as it was.
 */
export function suffixIdsInBody(
  body: Buffer,
  ids: ReadonlySet<string>,
  suffix: string,
): Buffer {
  return mapStringTokens(body, (value, token) =>
    ids.has(value) ? `${token.slice(0, -1)}${suffix}"` : undefined,
  );
}

/** A copy of an expectation tree with the ids (values and keys) suffixed. */
export function suffixIdsInValue<T>(
  value: T,
  ids: ReadonlySet<string>,
  suffix: string,
): T {
  const rename = (text: string) => (ids.has(text) ? text + suffix : text);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return rename(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, item]) => [rename(key), walk(item)]),
    );
  };
  return walk(value) as T;
}

/**
 * Headers for a rewritten body: a signature that was genuine for the
 * original bytes is recomputed for the new ones; a deliberately wrong one
 * (a forged or mismatched signature the case wants refused) is kept.
 */
export function resignHeaders(
  headers: Record<string, string>,
  original: Buffer,
  rewritten: Buffer,
  appSecret: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = resignValue(
      name.toLowerCase(),
      value,
      original,
      rewritten,
      appSecret,
    );
  }
  return out;
}

function resignValue(
  name: string,
  value: string,
  original: Buffer,
  rewritten: Buffer,
  secret: string,
): string {
  if (name === 'x-hub-signature-256' && value === signBody(original, secret)) {
    return signBody(rewritten, secret);
  }
  if (name === 'x-hub-signature' && value === sha1Signature(original, secret)) {
    return sha1Signature(rewritten, secret);
  }
  return value;
}

/** The legacy `X-Hub-Signature` (REFERENCE §10.4). */
function sha1Signature(body: Buffer, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function changeValues(body: unknown): Record<string, unknown>[] {
  const values: Record<string, unknown>[] = [];
  for (const entry of arrayOf((body as { entry?: unknown } | null)?.entry)) {
    for (const change of arrayOf((entry as { changes?: unknown })?.changes)) {
      const value = (change as { value?: unknown } | null)?.value;
      if (value && typeof value === 'object') {
        values.push(value as Record<string, unknown>);
      }
    }
  }
  return values;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
