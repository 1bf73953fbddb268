/** What the parent asks the load process to do. */
export interface LoadPlan {
  /** Full URL of the webhook route. */
  url: string;
  connections: number;
  warmupSec: number;
  durationSec: number;
  /** Requests per second over all connections; unset = as fast as served. */
  overallRate?: number;
  bodies: BodySource;
}

export type BodySource =
  | { kind: 'corpus' }
  /** Fresh identities per request, signed with `appSecret`. */
  | { kind: 'generated'; appSecret: string; runId: string };

/** The measured window's figures, plus totals over warm-up and window. */
export interface LoadResult {
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Epoch ms of the measured window (warm-up excluded). */
  windowStart: number;
  windowEnd: number;
  /** Over warm-up and window: what the 200s stand for downstream. */
  accepted: Accepted;
  /** 2xx answers in the measured window only. */
  windowAccepted: Accepted;
}

export interface Accepted {
  requests: number;
  changes: number;
  updates: number;
}
