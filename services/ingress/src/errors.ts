/**
 * The ingress error catalogue. Each code is stable (tests and dashboards
 * key on it) and maps to the HTTP status Meta or an operator sees.
 */
export const INGRESS_ERRORS = {
  WAP_INGRESS_SIGNATURE_MISSING: 401,
  WAP_INGRESS_SIGNATURE_MALFORMED: 401,
  WAP_INGRESS_SIGNATURE_MISMATCH: 401,
  WAP_INGRESS_NO_APP_SECRET: 401,
  WAP_INGRESS_CLIENT_CERT_REJECTED: 403,
  WAP_INGRESS_HANDSHAKE_REJECTED: 403,
  WAP_INGRESS_BODY_TOO_LARGE: 413,
  WAP_INGRESS_KAFKA_UNAVAILABLE: 503,
} as const;

export type IngressErrorCode = keyof typeof INGRESS_ERRORS;

/** A request the ingress refuses; `retriable` tells whether Meta should. */
export class IngressError extends Error {
  readonly code: IngressErrorCode;
  readonly statusCode: number;
  readonly retriable: boolean;

  constructor(code: IngressErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'IngressError';
    this.code = code;
    this.statusCode = INGRESS_ERRORS[code];
    this.retriable = this.statusCode >= 500;
  }
}
