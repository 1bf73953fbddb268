// The media fetcher's error catalogue. Retry and dead-letter decisions
// branch on the class (or `code`), never on message text. Messages carry
// no URL (download URLs hold a signed token) and no personal data.

export interface MediaErrorOptions {
  cause?: unknown;
  /** The server asked us to wait this long (Retry-After). */
  retryAfterMs?: number | undefined;
  /** Meta's error code, or `http_<status>` without one; a metric label. */
  graphCode?: string | undefined;
}

export abstract class MediaFetchError extends Error {
  abstract readonly code: string;
  /** True when a later attempt of the same request may succeed. */
  abstract readonly retriable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly graphCode: string | undefined;

  constructor(message: string, options: MediaErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.retryAfterMs = options.retryAfterMs;
    this.graphCode = options.graphCode;
  }
}

/** 429 or a throttling code (4, 80007, 130429, 131056; REFERENCE §15). */
export class GraphThrottledError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_GRAPH_THROTTLED';
  readonly retriable = true;
}

/** 5xx, `is_transient`, a network failure or an unreadable answer. */
export class GraphUnavailableError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_GRAPH_UNAVAILABLE';
  readonly retriable = true;
}

/** Code 100 subcode 33: the media id expired (7 days) or never existed. */
export class MediaGoneError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_GONE';
  readonly retriable = false;
}

/**
 * Code 190. The token comes from configuration, so no retry can cure it;
 * the dead letter waits for an operator to rotate the token and replay.
 */
export class AccessTokenInvalidError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_TOKEN_INVALID';
  readonly retriable = false;
}

/** Any other 4xx from the Graph API: the request itself is wrong. */
export class GraphRejectedError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_GRAPH_REJECTED';
  readonly retriable = false;
}

/** No token is configured for the media's WABA. */
export class NoAccessTokenError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_NO_ACCESS_TOKEN';
  readonly retriable = false;
}

/** 401/403/404 on the download: the URL expired; resolve the id again. */
export class DownloadUrlRefusedError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_URL_REFUSED';
  readonly retriable = true;
}

/** 429, 5xx, a reset or a timeout while downloading. */
export class DownloadFailedError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_DOWNLOAD_FAILED';
  readonly retriable = true;
}

/** An HTML error page or a type other than the one announced (§14.5). */
export class UnexpectedContentError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_UNEXPECTED_CONTENT';
  readonly retriable = true;
}

export class DigestMismatchError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_DIGEST_MISMATCH';
  readonly retriable = true;
}

export class SizeMismatchError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_SIZE_MISMATCH';
  readonly retriable = true;
}

/** Announced or streamed past MEDIA_MAX_BYTES. */
export class MediaTooLargeError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_TOO_LARGE';
  readonly retriable = false;
}

/** Neither the lookup nor the webhook announced a SHA-256. */
export class DigestMissingError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_DIGEST_MISSING';
  readonly retriable = false;
}

/** Not a media request we can act on (schema, unsafe ids). */
export class InvalidMediaRequestError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_INVALID_REQUEST';
  readonly retriable = false;
}

/**
 * The store failed. An infrastructure outage, not a property of the media:
 * consumption pauses and the request is redelivered, never dead-lettered.
 */
export class StorageError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_STORAGE_FAILED';
  readonly retriable = true;
}

/** Shutdown took the work back; another pod gets the request. */
export class FetchAbortedError extends MediaFetchError {
  readonly code = 'WAP_MEDIA_ABORTED';
  readonly retriable = true;
}
