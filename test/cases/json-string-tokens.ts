/**
 * Rewrites JSON string tokens in raw bytes without re-serialising: every
 * byte outside a replaced token stays as it was, so Meta's escapes
 * (`\u00e9`, `\/`) survive. `replace` gets each string's decoded value
 * and its token as written, and returns the new token or undefined to
 * keep it. Bodies that are not UTF-8 are returned unchanged.
 */
export function mapStringTokens(
  body: Buffer,
  replace: (value: string, token: string) => string | undefined,
): Buffer {
  const text = body.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(body)) return body;
  // Outside strings JSON has no quotes, so this regex walks the tokens.
  const rewritten = text.replace(
    /"(?:[^"\\]|\\.)*"/g,
    (token) => replace(decodeToken(token), token) ?? token,
  );
  return Buffer.from(rewritten, 'utf8');
}

function decodeToken(token: string): string {
  try {
    return JSON.parse(token) as string;
  } catch {
    return token;
  }
}
