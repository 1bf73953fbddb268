import { createHmac } from 'node:crypto';

/** The `X-Hub-Signature-256` value Meta would send for these bytes. */
export function signBody(body: Buffer | string, appSecret: string): string {
  const digest = createHmac('sha256', appSecret).update(body).digest('hex');
  return `sha256=${digest}`;
}
