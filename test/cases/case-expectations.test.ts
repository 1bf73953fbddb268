import { describe, expect, it } from 'vitest';
import type { GraphCall } from '@wapipe/testing';
import { checkExpectations, outputsSettled } from './case-expectations.ts';
import type { Observation, StoredMediaView } from './observation.ts';
import type { LogicalRecord } from './record-mapping.ts';

function observation(overrides: Partial<Observation> = {}): Observation {
  return {
    responses: [],
    records: [],
    statusView: new Map(),
    media: [],
    mediaFiles: [],
    deadLetters: [],
    graphCalls: [],
    contractIssues: [],
    ...overrides,
  };
}

const ok = { status: 200, body: '', contentType: 'text/plain', latencyMs: 12 };
const msg = (wamid: string, extra: object = {}): LogicalRecord => ({
  kind: 'message',
  wamid,
  text: 'hi',
  contact_name: null,
  ...extra,
});
const status = (wamid: string, s: string): LogicalRecord => ({
  kind: 'status',
  wamid,
  status: s,
});
const event: LogicalRecord = { kind: 'event', field: 'account_update' };

describe('case expectations', () => {
  it('fails a case on an expectation key it does not know', () => {
    expect(checkExpectations({ frobnicate: true }, observation())).toEqual([
      'unknown expectation "frobnicate"',
    ]);
  });

  it('fails on a sub-key it does not know', () => {
    const diffs = checkExpectations(
      { responses: [{ request: 0, status: 200, stauts: 1 }] },
      observation({ responses: [ok] }),
    );
    expect(diffs).toEqual([
      'expect.responses not understood: 0: Unrecognized key: "stauts"',
    ]);
  });

  it('takes notes as prose', () => {
    expect(checkExpectations({ notes: 'x' }, observation())).toEqual([]);
  });

  describe('responses', () => {
    const answers = [
      { ...ok, body: '"1158"', contentType: 'application/json' },
      { ...ok, status: 500, latencyMs: 1500 },
    ];

    it('compares status, body, content type and latency', () => {
      const diffs = checkExpectations(
        {
          responses: [
            {
              request: 0,
              body_exact: '1158',
              content_type_not_contains: 'json',
            },
            { request: 1, status_in: [401, 403], max_latency_ms: 1000 },
          ],
          never_status: [500],
        },
        observation({ responses: answers }),
      );
      expect(diffs).toEqual([
        'request 0: body "\\"1158\\"", expected exactly "1158"',
        'request 0: content-type "application/json" contains "json"',
        'request 1: status 500, expected one of 401/403',
        'request 1: answered in 1500 ms, limit 1000 ms',
        'request 1: got forbidden status 500',
      ]);
    });
  });

  describe('records', () => {
    it('matches by subset, with null standing for absent', () => {
      const spec = { records: [{ kind: 'message', wamid: 'w1', emoji: null }] };
      const seen = observation({ records: [msg('w1')] });
      expect(checkExpectations(spec, seen)).toEqual([]);
    });

    it('names the field that differs on the record with the same identity', () => {
      const spec = { records: [{ kind: 'message', wamid: 'w1', text: 'yo' }] };
      const seen = observation({ records: [msg('w1')] });
      expect(checkExpectations(spec, seen)).toEqual([
        'message w1: text "hi", expected "yo"',
      ]);
    });

    it('reports a missing record with what was seen instead', () => {
      const spec = {
        records: [{ kind: 'status', wamid: 'w9', status: 'read' }],
      };
      const seen = observation({ records: [status('w9', 'sent')] });
      expect(checkExpectations(spec, seen)).toEqual([
        'missing status w9 read (seen: status w9 sent)',
      ]);
    });

    it('pairs each expectation with its own record', () => {
      const spec = {
        records: [
          { kind: 'message', text: 'hi' },
          { kind: 'message', wamid: 'w1' },
        ],
      };
      const seen = observation({ records: [msg('w1')] });
      expect(checkExpectations(spec, seen)).toEqual([
        'missing another message w1 (its match pairs with another expectation)',
      ]);
    });
  });

  describe('no_other_records', () => {
    it('reports duplicates and unlisted records', () => {
      const spec = {
        records: [{ kind: 'message', wamid: 'w1' }],
        no_other_records: true,
      };
      const seen = observation({
        records: [msg('w1'), msg('w1'), status('w2', 'sent')],
      });
      expect(checkExpectations(spec, seen)).toEqual([
        'unexpected message w1',
        'unexpected status w2 sent',
      ]);
    });

    it('lets unlisted events pass while the case says nothing of events', () => {
      const spec = { records: [], no_other_records: true };
      const seen = observation({ records: [event] });
      expect(checkExpectations(spec, seen)).toEqual([]);
    });

    it('counts events once the case lists any', () => {
      const spec = {
        records: [{ kind: 'event', field: 'flows' }],
        no_other_records: true,
      };
      const seen = observation({
        records: [{ kind: 'event', field: 'flows' }, event],
      });
      expect(checkExpectations(spec, seen)).toEqual([
        'unexpected event account_update',
      ]);
    });
  });

  it('counts records by kind', () => {
    const seen = observation({ records: [msg('a'), status('a', 'sent')] });
    expect(
      checkExpectations({ record_counts: { message: 2, status: 1 } }, seen),
    ).toEqual(['1 message records, expected 2']);
  });

  it('finds an identity emitted twice', () => {
    const seen = observation({
      records: [status('a', 'sent'), status('a', 'sent'), status('a', 'read')],
    });
    expect(checkExpectations({ exactly_once: true }, seen)).toEqual([
      'status a sent emitted 2 times',
    ]);
  });

  it('allows no duplicate in any run of a repeated case', () => {
    const seen = observation({ records: [msg('a'), msg('a')] });
    expect(checkExpectations({ repeat: { times: 2 } }, seen)).toEqual([
      'message a emitted 2 times',
    ]);
  });

  it('reads the status view in its three spellings', () => {
    const seen = observation({ statusView: new Map([['a', 'read']]) });
    for (const view of [
      { a: 'read', b: null },
      { a: { status: 'read' } },
      [{ wamid: 'a', status: 'read' }],
    ]) {
      expect(checkExpectations({ status_view: view }, seen)).toEqual([]);
    }
    expect(checkExpectations({ status_view: { a: 'sent' } }, seen)).toEqual([
      'status of a is "read", expected "sent"',
    ]);
  });

  describe('media', () => {
    const digest = 'ab'.repeat(32);
    const stored: StoredMediaView = {
      mediaId: '300',
      wamid: 'w1',
      storageKey: `200/${digest}.ogg`,
      sha256: digest,
      size: 10,
      mimeType: 'audio/ogg; codecs=opus',
      extension: 'ogg',
      file: {
        path: `200/${digest}.ogg`,
        insideDir: true,
        sha256: digest,
        size: 10,
      },
    };

    it('holds when record and file agree with the case', () => {
      const spec = {
        media: [
          {
            media_id: '300',
            stored: true,
            sha256_hex: digest,
            bytes: 10,
            extension_in: ['ogg', 'opus'],
            content_type_prefix: 'audio/ogg',
            times_stored: 1,
          },
        ],
        storage_key_rules: { must_not_contain: [';', ' ', '..'] },
      };
      expect(checkExpectations(spec, observation({ media: [stored] }))).toEqual(
        [],
      );
    });

    it('notices a file that is not what the record says', () => {
      const lying = { ...stored, file: { ...stored.file!, size: 9 } };
      const spec = { media: [{ media_id: '300', stored: true }] };
      expect(
        checkExpectations(spec, observation({ media: [lying, lying] })),
      ).toEqual(['media 300: stored file has 9 bytes, record says 10']);
    });

    it('says why nothing was stored when the fetcher dead-lettered', () => {
      const spec = { media: [{ media_id: '300', stored: true }] };
      const seen = observation({
        deadLetters: [{ stage: 'media-fetcher', reason: 'WAP_X', detail: '' }],
      });
      expect(checkExpectations(spec, seen)).toEqual([
        'media 300: not stored (media-fetcher dead letters: WAP_X)',
      ]);
    });
  });

  describe('graph_api_calls', () => {
    const call = (kind: GraphCall['kind'], headers: object): GraphCall => ({
      kind,
      method: 'GET',
      path: '/v25.0/300',
      query: {},
      mediaId: '300',
      urlToken: undefined,
      headers: headers as GraphCall['headers'],
      userAgentCount: 1,
      status: 200,
      at: 0,
    });
    const calls = [
      call('lookup', { 'user-agent': 'ua', authorization: 'Bearer T' }),
      call('download', { authorization: 'Bearer T' }),
    ];

    it('bounds calls per kind and checks headers on every call', () => {
      const spec = {
        graph_api_calls: {
          lookup: { min: 2 },
          download: { max: 1 },
          headers: { Authorization: 'Bearer T', 'User-Agent': true },
          user_agent_header_count: 1,
        },
      };
      expect(
        checkExpectations(spec, observation({ graphCalls: calls })),
      ).toEqual([
        'lookup calls: 1, expected at least 2',
        'all calls: download 300 had User-Agent (absent), expected present',
      ]);
    });
  });

  it('judges only the outputs when deciding whether to keep waiting', () => {
    const spec = {
      responses: [{ request: 0, status: 401 }],
      records: [{ kind: 'message', wamid: 'w1' }],
    };
    const seen = observation({ responses: [ok], records: [msg('w1')] });
    expect(outputsSettled(spec, seen)).toBe(true);
  });

  it('reports records that break the contract in every case', () => {
    const seen = observation({ contractIssues: ['x breaks its schema at y'] });
    expect(checkExpectations({}, seen)).toEqual(['x breaks its schema at y']);
  });
});
