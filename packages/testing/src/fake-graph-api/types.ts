/**
 * The `graph_api` section of a case file (shared/cases/FORMAT.md): how the
 * fake answers lookups and downloads of one media id.
 */
export interface GraphMediaSpec {
  media_id: string;
  lookup?: ScriptedEndpoint;
  download?: ScriptedEndpoint;
}

/**
 * Answers for one kind of call. `responses` are served in order and the
 * last one repeats. Keys `if_missing_<header>` (e.g. `if_missing_user_agent`)
 * hold an answer that wins whenever that header is absent.
 */
export interface ScriptedEndpoint {
  responses?: ScriptedResponse[];
  requires_headers?: Record<string, string>;
  /** Download answers keyed on the URL's `tok=` value. */
  by_url_token?: Record<string, ScriptedAnswer>;
  [ifMissing: `if_missing_${string}`]: ScriptedAnswer | undefined;
}

/** One endpoint, a list of responses, or a single response. */
export type ScriptedAnswer =
  ScriptedEndpoint | ScriptedResponse | ScriptedResponse[];

export interface ScriptedResponse {
  status?: number;
  /** Sent as JSON; `{{LOOKASIDE}}` in any string becomes the base URL. */
  json?: unknown;
  /** Sent as text. */
  body?: string;
  /** Sent as bytes. */
  content_base64?: string;
  content_type?: string;
  headers?: Record<string, string>;
  /** Seconds; a 429 without it still carries `Retry-After: 1`. */
  retry_after?: number | string;
  /** Holds the answer back, to simulate a slow Graph API or CDN. */
  delay_ms?: number;
}

export type GraphCallKind = 'lookup' | 'download' | 'unknown';

/** One request the fake received, for assertions on `graph_api_calls`. */
export interface GraphCall {
  kind: GraphCallKind;
  method: string;
  path: string;
  query: Record<string, string>;
  mediaId: string | undefined;
  /** The download URL's `tok=` value. */
  urlToken: string | undefined;
  /** Lower-case names; repeated headers joined as Node joins them. */
  headers: Record<string, string | string[] | undefined>;
  /** Counted on the raw headers: Node folds duplicates of User-Agent. */
  userAgentCount: number;
  /** Filled in when the answer has been sent. */
  status: number | undefined;
  at: number;
}

export interface ServedMedia {
  id: string;
  bytes: Buffer;
  mimeType: string;
  sha256Hex: string;
  sha256Base64: string;
  size: number;
}
