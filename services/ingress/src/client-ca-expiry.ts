import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PEM_BLOCK =
  /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Earliest expiry (Unix seconds) among the certificates of a PEM bundle.
 * Meta moved its client certificate to a new CA in 2026 (REFERENCE §13.1);
 * an expiring bundle silently refuses every webhook, hence a metric.
 */
export function earliestExpiry(bundlePath: string): number | undefined {
  const pem = readFileSync(bundlePath, 'utf8');
  const expiries = (pem.match(PEM_BLOCK) ?? []).map(
    (block) => new X509Certificate(block).validToDate.getTime() / 1e3,
  );
  return expiries.length > 0 ? Math.min(...expiries) : undefined;
}
