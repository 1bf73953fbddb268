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

// Subjects come as `CN=a,O=b` (RFC 2253) or `/O=b/CN=a` (OpenSSL one-line).
// Separators escaped with a backslash belong to a value, and a subject
// must hold exactly one CN, equal to the name: `O=x\,CN=meta` or two
// joined header copies (`CN=evil, CN=meta`) are refused.
function namesCn(subject: string, cn: string): boolean {
  const openssl = subject.startsWith('/');
  const parts = splitUnescaped(
    openssl ? subject.slice(1) : subject,
    openssl ? '/' : ',',
  );
  const cns = parts
    .map((part) => part.trim())
    .filter((part) => /^CN=/i.test(part))
    .map((part) => part.slice(3));
  return cns.length === 1 && cns[0] === cn;
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '\\' && i + 1 < text.length) {
      current += char + (text[++i] as string);
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  return [...parts, current];
}
