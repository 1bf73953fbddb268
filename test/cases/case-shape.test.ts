import { describe, expect, it } from 'vitest';
import type { CaseFile } from '@wapipe/testing';
import { caseShapeProblems } from './case-shape.ts';

const minimal: CaseFile = {
  id: 'X01',
  kind: 'test/minimal',
  title: 'minimal',
  app_secret: 's',
  requests: [{ method: 'GET', path: '/webhooks/whatsapp', headers: {} }],
  expect: {},
  dir: '/tmp',
};

describe('case shape', () => {
  it('accepts a case written to FORMAT.md', () => {
    expect(caseShapeProblems(minimal)).toEqual([]);
  });

  it('names a request key it does not know', () => {
    const request = { ...minimal.requests[0]!, chunked: true };
    expect(caseShapeProblems({ ...minimal, requests: [request] })).toEqual([
      'requests.0: Unrecognized key: "chunked"',
    ]);
  });

  it('names a fault it cannot inject', () => {
    const fault = { kafka_outage_ms: 500 };
    expect(caseShapeProblems({ ...minimal, fault_injection: fault })).toEqual([
      'fault_injection: Unrecognized key: "kafka_outage_ms"',
    ]);
  });

  it('names a Graph API answer the fake would not understand', () => {
    const graph = {
      media: [
        {
          media_id: '300',
          lookup: { responses: [{ status: 200, redirect: 'x' }] },
          download: { if_missing_user_agent: { status: 404 }, by_path: {} },
        },
      ],
    };
    expect(caseShapeProblems({ ...minimal, graph_api: graph })).toEqual([
      'graph_api.media.0.lookup.responses.0: Unrecognized key: "redirect"',
      'graph_api.media.0.download.by_path: unknown key',
    ]);
  });
});
