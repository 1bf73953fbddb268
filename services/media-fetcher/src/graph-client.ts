import { z } from 'zod';
import { lookupErrorOf } from './classify-response.ts';
import { GraphUnavailableError } from './errors.ts';
import { abortedOr } from './network-error.ts';

export interface GraphClientOptions {
  baseUrl: string;
  version: string;
  userAgent: string;
  timeoutMs: number;
}

/** What `GET /{version}/{media_id}` told us (REFERENCE §14.1 step 3). */
export interface MediaLocation {
  url: string;
  mimeType: string | undefined;
  sha256: string | undefined;
  fileSize: number | undefined;
  resolvedAt: number;
}

const lookupAnswer = z.looseObject({
  url: z.url({ protocol: /^https?$/ }),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: z.coerce.number().int().min(0).optional(),
});

/** Resolves a media id to its short-lived download URL. */
export async function resolveMedia(
  options: GraphClientOptions,
  target: { mediaId: string; phoneNumberId: string | null; token: string },
  signal: AbortSignal,
): Promise<MediaLocation> {
  const response = await graphGet(options, lookupUrl(options, target), {
    token: target.token,
    signal,
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw lookupErrorOf(
      response.status,
      body,
      response.headers.get('retry-after'),
    );
  }
  return locationOf(body);
}

function lookupUrl(
  options: GraphClientOptions,
  target: { mediaId: string; phoneNumberId: string | null },
): string {
  const base = options.baseUrl.replace(/\/+$/, '');
  const url = new URL(
    `${base}/${options.version}/${encodeURIComponent(target.mediaId)}`,
  );
  // Limits the lookup to media of that business number (§14.1 step 2).
  if (target.phoneNumberId) {
    url.searchParams.set('phone_number_id', target.phoneNumberId);
  }
  return url.toString();
}

async function graphGet(
  options: GraphClientOptions,
  url: string,
  call: { token: string; signal: AbortSignal },
): Promise<Response> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    return await fetch(url, {
      headers: {
        authorization: `Bearer ${call.token}`,
        'user-agent': options.userAgent,
        accept: 'application/json',
      },
      signal: AbortSignal.any([call.signal, timeout]),
    });
  } catch (error) {
    throw abortedOr(
      error,
      call.signal,
      new GraphUnavailableError('graph lookup did not answer', {
        cause: error,
        graphCode: 'network',
      }),
    );
  }
}

function locationOf(body: unknown): MediaLocation {
  const parsed = lookupAnswer.safeParse(body);
  if (!parsed.success) {
    throw new GraphUnavailableError('graph lookup answer is unreadable', {
      graphCode: 'bad_answer',
    });
  }
  const { url, mime_type, sha256, file_size } = parsed.data;
  return {
    url,
    mimeType: mime_type,
    sha256,
    fileSize: file_size,
    resolvedAt: Date.now(),
  };
}
