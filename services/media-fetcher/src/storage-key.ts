import { InvalidMediaRequestError } from './errors.ts';

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const DIGEST = /^[0-9a-f]{64}$/;
const EXTENSION = /^[a-z0-9]{1,10}$/;

/**
 * `{owner}/{sha256hex}.{ext}`: content-addressed, so the same bytes of one
 * phone number are stored once. Every part is checked against a strict
 * pattern, so no key can hold `;`, spaces, `..` or another path.
 */
export function storageKey(
  owner: string,
  sha256Hex: string,
  extension: string,
): string {
  if (!isKeySegment(owner)) {
    throw new InvalidMediaRequestError('owner id is not a safe key segment');
  }
  if (!DIGEST.test(sha256Hex) || !EXTENSION.test(extension)) {
    throw new InvalidMediaRequestError('digest or extension is not key-safe');
  }
  return `${owner}/${sha256Hex}.${extension}`;
}

/** Letters, digits, `_` and `-`: safe in a path, a URL and a Redis key. */
export function isKeySegment(value: string): boolean {
  return SEGMENT.test(value);
}
