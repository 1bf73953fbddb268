/**
 * JSON.parse for Meta bodies. Integers beyond 2^53 (a template id may grow
 * there, REFERENCE §18.4) would be silently rounded by JSON.parse; they are
 * kept as their exact decimal string instead. Uses the reviver's source
 * text, which Node 24's V8 provides.
 */
export function parseMetaJson(text: string): unknown {
  // A reviver makes parsing several times slower, and most bodies have no
  // integer beyond 2^53: template bodies carry 16-digit ids that are safe.
  return hasUnsafeInteger(text)
    ? JSON.parse(text, reviveUnsafeInteger)
    : JSON.parse(text);
}

/** A JSON number token (after `:`, `,` or `[`) with 16+ integer digits. */
const LONG_NUMBER = /[:,[]\s*-?(\d{16,})/g;
const ANY_LONG_NUMBER = /[:,[]\s*-?\d{16}/;
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

// May say yes for digits inside a string (the reviver then changes
// nothing); never says no for a number that JSON.parse would round.
function hasUnsafeInteger(text: string): boolean {
  // Most bodies hold no 16-digit number at all: one test, no match objects.
  if (!ANY_LONG_NUMBER.test(text)) return false;
  for (const [, digits = ''] of text.matchAll(LONG_NUMBER)) {
    if (digits.length > MAX_SAFE_DIGITS.length) return true;
    if (digits.length === MAX_SAFE_DIGITS.length && digits > MAX_SAFE_DIGITS)
      return true;
  }
  return false;
}

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
