export type AttemptResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: unknown; attempts: number };

/** Runs `work` up to `max` times with exponential backoff between tries. */
export async function withAttempts<T>(
  options: { max: number; baseMs: number },
  work: () => T | Promise<T>,
): Promise<AttemptResult<T>> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.max; attempt++) {
    try {
      return { ok: true, value: await work(), attempts: attempt };
    } catch (error) {
      lastError = error;
      if (attempt < options.max) {
        await new Promise((r) =>
          setTimeout(r, options.baseMs * 2 ** (attempt - 1)),
        );
      }
    }
  }
  return { ok: false, error: lastError, attempts: options.max };
}
