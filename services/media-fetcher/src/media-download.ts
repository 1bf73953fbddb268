import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { downloadErrorOf } from './classify-response.ts';
import { contentTypeProblem } from './content-type.ts';
import { DownloadFailedError, UnexpectedContentError } from './errors.ts';
import { abortedOr } from './network-error.ts';

export interface DownloadOptions {
  userAgent: string;
  timeoutMs: number;
}

export interface OpenDownload {
  body: Readable;
  contentType: string | null;
}

/**
 * GETs a media URL with the bearer token and exactly one User-Agent: the
 * lookaside host refuses both missing (REFERENCE §14.1 step 4, §14.5).
 * Resolves once the status and type look right; the body still streams.
 */
export async function openDownload(
  options: DownloadOptions,
  target: { url: string; token: string; announcedMime: string | undefined },
  signal: AbortSignal,
): Promise<OpenDownload> {
  const response = await get(options, target, signal);
  if (!response.ok) {
    await response.body?.cancel();
    throw downloadErrorOf(response.status, response.headers.get('retry-after'));
  }
  const contentType = response.headers.get('content-type');
  const problem = contentTypeProblem(contentType, target.announcedMime);
  if (problem || !response.body) {
    await response.body?.cancel();
    throw new UnexpectedContentError(problem ?? 'download has no body');
  }
  const web = response.body as WebReadableStream<Uint8Array>;
  return { body: Readable.fromWeb(web), contentType };
}

async function get(
  options: DownloadOptions,
  target: { url: string; token: string },
  signal: AbortSignal,
): Promise<Response> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    return await fetch(target.url, {
      headers: {
        authorization: `Bearer ${target.token}`,
        'user-agent': options.userAgent,
      },
      signal: AbortSignal.any([signal, timeout]),
    });
  } catch (error) {
    const failure = new DownloadFailedError('media download did not answer', {
      cause: error,
      graphCode: 'network',
    });
    throw abortedOr(error, signal, failure);
  }
}
