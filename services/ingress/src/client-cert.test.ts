import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { clientCertAccepted } from './client-cert.ts';

const META = 'client.webhooks.fbclientcerts.com';
const policy = { requiredCn: META, subjectHeader: 'ssl-client-subject-dn' };

function request(subject: string | undefined): FastifyRequest {
  return {
    raw: { socket: {} },
    headers: subject === undefined ? {} : { 'ssl-client-subject-dn': subject },
  } as unknown as FastifyRequest;
}

describe('clientCertAccepted', () => {
  it.each([
    `CN=${META},O=Meta Platforms\\, Inc.,C=US`,
    `/C=US/O=Meta Platforms, Inc./CN=${META}`,
    `CN=${META}`,
  ])('accepts the subject %s', (subject) => {
    expect(clientCertAccepted(request(subject), policy)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['another name', 'CN=evil.example.com'],
    ['the name as a suffix', `CN=x.${META}`],
    [
      'the name inside an escaped value',
      `CN=evil.example.com,O=x\\,CN=${META}`,
    ],
    ['two CNs (OpenSSL form)', `/CN=evil/OU=a/CN=${META}`],
    ['two header copies joined', `CN=evil, CN=${META}`],
  ])('refuses %s', (_name, subject) => {
    expect(clientCertAccepted(request(subject), policy)).toBe(false);
  });

  it('accepts anything when no CN is required', () => {
    expect(
      clientCertAccepted(request(undefined), {
        ...policy,
        requiredCn: undefined,
      }),
    ).toBe(true);
  });
});
