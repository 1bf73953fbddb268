import type { FastifyRequest } from 'fastify';
import type { TLSSocket } from 'node:tls';

export interface ClientCertPolicy {
  /** Required CN, e.g. client.webhooks.fbclientcerts.com; unset = off. */
  requiredCn: string | undefined;
  /** Header the edge proxy forwards the verified subject DN in. */
  subjectHeader: string;
}

/**
 * Meta's client certificate names `client.webhooks.fbclientcerts.com`
 * (REFERENCE §13). When TLS ends at the edge, the proxy verified the chain
 * and forwards the subject; when it ends here, Node verified the chain
 * against our CA bundle and we read the peer certificate directly.
 */
export function clientCertAccepted(
  request: FastifyRequest,
  policy: ClientCertPolicy,
): boolean {
  if (policy.requiredCn === undefined) return true;
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (socket.encrypted && socket.authorized) {
    const peer = socket.getPeerCertificate?.();
    return peer?.subject?.CN === policy.requiredCn;
  }
  const subject = request.headers[policy.subjectHeader];
  return typeof subject === 'string' && namesCn(subject, policy.requiredCn);
}

// Subjects come as `CN=a,O=b` (RFC 2253) or `/O=b/CN=a` (OpenSSL one-line);
// the CN must equal the name exactly, not merely contain it.
function namesCn(subject: string, cn: string): boolean {
  return subject
    .split(/[,/]/)
    .map((part) => part.trim())
    .some((part) => part === `CN=${cn}`);
}
