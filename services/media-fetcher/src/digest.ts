// Meta announces one SHA-256 in two encodings: base64 in webhooks, hex in
// the media lookup (REFERENCE §14.4). Everything here speaks lower-case hex.

const HEX_DIGEST = /^[0-9a-fA-F]{64}$/;
const BASE64_DIGEST = /^[A-Za-z0-9+/_-]{43}=?$/;

/** Lower-case hex of a digest given as hex or base64; else undefined. */
export function digestHex(
  value: string | null | undefined,
): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (HEX_DIGEST.test(trimmed)) return trimmed.toLowerCase();
  if (!BASE64_DIGEST.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes.toString('hex') : undefined;
}

/** True when both name the same digest, whatever their encodings. */
export function sameDigest(
  a: string | null | undefined,
  b: string | null | undefined,
): boolean {
  const left = digestHex(a);
  return left !== undefined && left === digestHex(b);
}

/**
 * The digest the bytes must have. The lookup's is Meta's current word on
 * the object; the webhook's stands in when the lookup gave none we can
 * read. Both are the same digest in practice.
 */
export function expectedDigest(
  lookupSha256: string | undefined,
  webhookSha256: string | null,
): string | undefined {
  return digestHex(lookupSha256) ?? digestHex(webhookSha256);
}
