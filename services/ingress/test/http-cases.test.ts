import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadCases,
  readTopics,
  requestBody,
  requestUrl,
  sharedDir,
  type CaseFile,
} from '@wapipe/testing';
import { brokers, testIngress } from './harness.ts';

// The signature and handshake cases only concern the HTTP answer, so they
// run here against the ingress alone; the full case runner checks the rest.
const cases = loadCases(join(sharedDir(), 'cases')).filter((c) =>
  /^(signature|handshake)\//.test(c.kind),
);

async function run(testCase: CaseFile) {
  const { service, topics } = testIngress({
    APP_SECRETS: testCase.app_secret,
    ...(testCase.verify_token ? { VERIFY_TOKEN: testCase.verify_token } : {}),
  });
  const { url } = await service.start();
  try {
    const statuses: number[] = [];
    const bodies: string[] = [];
    const types: string[] = [];
    for (const request of testCase.requests) {
      const body = requestBody(testCase, request);
      const res = await fetch(url + requestUrl(request, '/webhooks/whatsapp'), {
        method: request.method,
        headers: request.headers,
        ...(body ? { body } : {}),
      });
      statuses.push(res.status);
      bodies.push(await res.text());
      types.push(res.headers.get('content-type') ?? '');
    }
    return { statuses, bodies, types, topics };
  } finally {
    await service.stop();
  }
}

describe('ingress against the handed signature and handshake cases', () => {
  it('finds such cases', () => expect(cases.length).toBeGreaterThanOrEqual(4));

  it.each(cases.map((c) => [c.id, c] as const))(
    'passes %s',
    async (_id, testCase) => {
      const { statuses, bodies, types, topics } = await run(testCase);
      for (const want of testCase.expect.responses ?? []) {
        const got = statuses[want.request];
        if (want.status !== undefined)
          expect(got, `request ${want.request}`).toBe(want.status);
        if (want.status_in)
          expect(want.status_in, `request ${want.request}`).toContain(got);
        if (want.body_exact !== undefined)
          expect(bodies[want.request]).toBe(want.body_exact);
        if (want.body_not_contains) {
          expect(bodies[want.request]).not.toContain(want.body_not_contains);
        }
        if (want.content_type_not_contains) {
          expect(types[want.request]).not.toContain(
            want.content_type_not_contains,
          );
        }
      }
      for (const status of testCase.expect.never_status ?? []) {
        expect(statuses).not.toContain(status);
      }
      const accepted = statuses.filter(
        (s, i) => s === 200 && testCase.requests[i]?.method === 'POST',
      );
      const records = await readTopics({
        brokers: brokers(),
        topics: [topics.webhooks, topics.dlq],
        until: (r) => r.length >= accepted.length,
        settleMs: 500,
      });
      // Refused requests leave nothing behind: one change per accepted POST.
      expect(records).toHaveLength(accepted.length);
    },
  );
});
