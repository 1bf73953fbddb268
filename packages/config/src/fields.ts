import { z } from 'zod';

/** A comma-separated list; blanks are dropped, so `a,,b` is `[a, b]`. */
export function csv() {
  return z.string().transform((raw) =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  );
}

/** A TCP port; 0 asks the OS for a free one (tests use it). */
export function port(fallback: number) {
  return z.coerce.number().int().min(0).max(65_535).default(fallback);
}

export function positiveInt(fallback: number) {
  return z.coerce.number().int().positive().default(fallback);
}

/** A duration in milliseconds, as an integer. */
export function milliseconds(fallback: number) {
  return z.coerce.number().int().min(0).default(fallback);
}

/** `true`/`false`/`1`/`0`; anything else is a configuration error. */
export function booleanFlag(fallback: boolean) {
  return z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((raw) => raw === 'true' || raw === '1');
}
