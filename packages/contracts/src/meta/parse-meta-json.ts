/**
 * JSON.parse for Meta bodies. Integers beyond 2^53 (a template id may grow
 * there, REFERENCE §18.4) would be silently rounded by JSON.parse; they are
 * kept as their exact decimal string instead. Uses the reviver's source
 * text, which Node 24's V8 provides.
 */
export function parseMetaJson(text: string): unknown {
  // A reviver makes parsing several times slower, and only a bare number
  // of 16 or more digits can exceed 2^53: most bodies have none.
  return LONG_NUMBER.test(text)
    ? JSON.parse(text, reviveUnsafeInteger)
    : JSON.parse(text);
}

/** A JSON number token (after `:`, `,` or `[`) with 16+ integer digits. */
const LONG_NUMBER = /[:,[]\s*-?\d{16,}/;

function reviveUnsafeInteger(
  this: unknown,
  _key: string,
  value: unknown,
  context?: { source?: string },
): unknown {
  if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
  const source = context?.source;
  if (source !== undefined && /^-?\d+$/.test(source)) return source;
  return value;
}
