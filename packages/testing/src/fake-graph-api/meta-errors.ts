import { randomBytes } from 'node:crypto';

/** Meta's error envelope (REFERENCE §15); fbtrace_id is random per answer. */
export interface MetaErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    is_transient?: boolean;
    fbtrace_id: string;
  };
}

/** 401: missing, malformed or wrong bearer token. */
export function invalidTokenError(): MetaErrorBody {
  return metaError({
    message: 'Invalid OAuth access token - Cannot parse access token',
    type: 'OAuthException',
    code: 190,
  });
}

/** 400: unknown or expired media id (code 100, subcode 33, §14.2). */
export function unknownObjectError(id: string): MetaErrorBody {
  return metaError({
    message:
      `Unsupported get request. Object with ID '${id}' does not exist, ` +
      'cannot be loaded due to missing permissions, or does not support ' +
      'this operation.',
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

/** 400: a header named in `requires_headers` was absent or different. */
export function missingHeaderError(name: string): MetaErrorBody {
  return metaError({
    message: `(#100) Missing or unexpected header: ${name}`,
    type: 'OAuthException',
    code: 100,
  });
}

/** 404 of the lookaside host for an expired or unknown download URL. */
export function expiredUrlError(): MetaErrorBody {
  return metaError({
    message: 'URL signature expired',
    type: 'OAuthException',
    code: 100,
  });
}

function metaError(
  fields: Omit<MetaErrorBody['error'], 'fbtrace_id'>,
): MetaErrorBody {
  const fbtrace_id = randomBytes(8).toString('base64url');
  return { error: { ...fields, fbtrace_id } };
}
