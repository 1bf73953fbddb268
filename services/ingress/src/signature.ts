import { timingSafeEqual } from 'node:crypto';
import { HmacSha256Key } from './hmac-key.ts';
import type { IngressErrorCode } from './errors.ts';

const PREFIX = 'sha256=';
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

export type SignatureCheck =
  | { ok: true; secretIndex: number }
  | { ok: false; code: IngressErrorCode; reason: SignatureFailure };

export type SignatureFailure =
  'missing' | 'malformed' | 'mismatch' | 'no_secret';

/**
 * Checks `X-Hub-Signature-256` over the exact bytes received. Meta signs
 * its ASCII-escaped serialisation, so anything decoded or re-serialised
 * would not match (REFERENCE §10.2). Every configured secret is tried,
 * in constant time, so an app secret can be rotated without downtime.
 * Secrets may be prepared once (HmacSha256Key), which spares the HMAC
 * its key set-up per request.
 */
export function verifySignature(
  rawBody: Buffer,
  header: string | string[] | undefined,
  secrets: readonly (string | HmacSha256Key)[],
): SignatureCheck {
  if (secrets.length === 0) return failure('no_secret');
  if (header === undefined || header === '') return failure('missing');
  const given = parseHeader(header);
  if (!given) return failure('malformed');

  const index = secrets.findIndex((secret) =>
    timingSafeEqual(hmac(secret, rawBody), given),
  );
  return index >= 0 ? { ok: true, secretIndex: index } : failure('mismatch');
}

// A repeated header is refused rather than guessed at: Meta sends one.
function parseHeader(header: string | string[]): Buffer | undefined {
  if (Array.isArray(header)) return undefined;
  const value = header.trim();
  if (!value.toLowerCase().startsWith(PREFIX)) return undefined;
  const hex = value.slice(PREFIX.length);
  // Exact length first: timingSafeEqual throws on unequal lengths.
  return HEX_DIGEST.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

function hmac(secret: string | HmacSha256Key, body: Buffer): Buffer {
  const key = typeof secret === 'string' ? new HmacSha256Key(secret) : secret;
  return key.sign(body);
}

const FAILURE_CODES: Record<SignatureFailure, IngressErrorCode> = {
  missing: 'WAP_INGRESS_SIGNATURE_MISSING',
  malformed: 'WAP_INGRESS_SIGNATURE_MALFORMED',
  mismatch: 'WAP_INGRESS_SIGNATURE_MISMATCH',
  no_secret: 'WAP_INGRESS_NO_APP_SECRET',
};

function failure(reason: SignatureFailure): SignatureCheck {
  return { ok: false, code: FAILURE_CODES[reason], reason };
}
