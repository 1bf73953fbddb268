/**
 * JSON.parse for Meta bodies. Integers beyond 2^53 (a template id may grow
 * there, REFERENCE §18.4) would be silently rounded by JSON.parse; they are
 * kept as their exact decimal string instead. Uses the reviver's source
 * text, which Node 24's V8 provides.
 */
export function parseMetaJson(text: string): unknown {
  return JSON.parse(text, reviveUnsafeInteger);
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
