import { z } from 'zod';
import {
  AccessTokenInvalidError,
  DownloadFailedError,
  DownloadUrlRefusedError,
  GraphRejectedError,
  GraphThrottledError,
  GraphUnavailableError,
  MediaGoneError,
  type MediaErrorOptions,
  type MediaFetchError,
} from './errors.ts';
import { retryAfterMs } from './retry-after.ts';

// REFERENCE §15: app (4), WABA (80007), phone number (130429) and pair
// (131056) limits; 17, 32 and 613 are Graph's generic call-rate limits.
const THROTTLING_CODES = new Set([4, 17, 32, 613, 80007, 130429, 131056]);
// Graph's "unknown error" and "service unavailable": retry later.
const TRANSIENT_CODES = new Set([1, 2]);

const metaErrorBody = z.object({
  error: z.looseObject({
    code: z.number().int().optional(),
    error_subcode: z.number().int().optional(),
    is_transient: z.boolean().optional(),
  }),
});

type MetaError = z.infer<typeof metaErrorBody>['error'];

/** The error a failed `GET /{version}/{media_id}` stands for. */
export function lookupErrorOf(
  status: number,
  body: unknown,
  retryAfter: string | null,
): MediaFetchError {
  const meta = metaErrorBody.safeParse(body).data?.error;
  const code = meta?.code;
  const options: MediaErrorOptions = {
    retryAfterMs: retryAfterMs(retryAfter),
    graphCode: code === undefined ? `http_${status}` : String(code),
  };
  const message = describe('graph lookup', status, meta);
  if (status === 429 || (code !== undefined && THROTTLING_CODES.has(code))) {
    return new GraphThrottledError(message, options);
  }
  if (isTransient(status, meta))
    return new GraphUnavailableError(message, options);
  if (code === 190) return new AccessTokenInvalidError(message, options);
  if (code === 100 && meta?.error_subcode === 33) {
    return new MediaGoneError(message, options);
  }
  return new GraphRejectedError(message, options);
}

/**
 * The error a failed download stands for. 401/403/404/410 mean the short
 * lived URL is no longer good: resolve the id again (§14.1 steps 5-6).
 */
export function downloadErrorOf(
  status: number,
  retryAfter: string | null,
): MediaFetchError {
  const options: MediaErrorOptions = {
    retryAfterMs: retryAfterMs(retryAfter),
    graphCode: `http_${status}`,
  };
  const message = `media download failed with status ${status}`;
  if ([401, 403, 404, 410].includes(status)) {
    return new DownloadUrlRefusedError(message, options);
  }
  return new DownloadFailedError(message, options);
}

function isTransient(status: number, meta: MetaError | undefined): boolean {
  if (status >= 500 || meta?.is_transient === true) return true;
  return meta?.code !== undefined && TRANSIENT_CODES.has(meta.code);
}

function describe(
  what: string,
  status: number,
  meta: MetaError | undefined,
): string {
  const code = meta?.code === undefined ? '' : ` code ${meta.code}`;
  const sub = meta?.error_subcode === undefined ? '' : `/${meta.error_subcode}`;
  return `${what} failed with status ${status}${code}${sub}`;
}
