/**
 * JSON.parse for Meta bodies. Integers beyond 2^53 (a template id may grow
 * there, REFERENCE §18.4) would be silently rounded by JSON.parse; they are
 * kept as their exact decimal string instead. So are numbers beyond a
 * double's range (`1e400`), which JSON.parse makes Infinity and
 * JSON.stringify then writes as `null`. Uses the reviver's source text,
 * which Node 24's V8 provides.
 */
export function parseMetaJson(text: string): unknown {
  // A reviver makes parsing several times slower, and most bodies hold no
  // such number: one scan rules them out, and template bodies' safe
  // 16-digit ids are then told apart from unsafe ones.
  const unsafe =
    MAYBE_UNSAFE.test(text) &&
    (HUGE_EXPONENT.test(text) || hasUnsafeInteger(text));
  return unsafe ? JSON.parse(text, reviveUnsafeNumber) : JSON.parse(text);
}

/** A JSON number token (after `:`, `,` or `[`) with 16+ integer digits. */
const LONG_NUMBER = /[:,[]\s*-?(\d{16,})/g;
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);
// Short of 309 digits, only an exponent of 3+ digits leaves a double's
// range (a negative one merely rounds towards 0, as any decimal rounds).
const HUGE_EXPONENT = /\d[eE]\+?\d{3}/;
// Either of the above, found in one scan of the body.
const MAYBE_UNSAFE = new RegExp(
  `${LONG_NUMBER.source}|${HUGE_EXPONENT.source}`,
);

// May say yes for digits inside a string (the reviver then changes
// nothing); never says no for a number that JSON.parse would round.
function hasUnsafeInteger(text: string): boolean {
  for (const [, digits = ''] of text.matchAll(LONG_NUMBER)) {
    if (digits.length > MAX_SAFE_DIGITS.length) return true;
    if (digits.length === MAX_SAFE_DIGITS.length && digits > MAX_SAFE_DIGITS)
      return true;
  }
  return false;
}

function reviveUnsafeNumber(
  this: unknown,
  _key: string,
  value: unknown,
  context?: { source?: string },
): unknown {
  if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
  const source = context?.source;
  if (source === undefined) return value;
  if (/^-?\d+$/.test(source) || !Number.isFinite(value)) return source;
  return value;
}
