/** One POST the load generator sends, with what a 200 for it stands for. */
export interface SignedBody {
  raw: Buffer;
  /** `X-Hub-Signature-256` over `raw`. */
  signature: string;
  /** `entry[].changes[]` in the body: ingress records per 200. */
  changes: number;
  /** Messages plus statuses in the body: processed records per 200. */
  updates: number;
}
