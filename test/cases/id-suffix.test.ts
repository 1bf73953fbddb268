import { describe, expect, it } from 'vitest';
import { signBody } from '@wapipe/testing';
import {
  collectWamids,
  resignHeaders,
  suffixIdsInBody,
  suffixIdsInValue,
} from './id-suffix.ts';

// Shaped like a Meta delivery: escapes and `\/` as the wire carries them.
const body = Buffer.from(
  '{"entry":[{"id":"100000000000001","changes":[{"value":{' +
    '"messages":[{"id":"wamid.A","context":{"id":"wamid.B"},' +
    '"text":{"body":"caf\\u00e9 wamid.A"},"type":"image",' +
    '"image":{"mime_type":"image\\/jpeg","id":"300"}}],' +
    '"statuses":[{"id":"wamid.B","status":"read"}]},"field":"messages"}]}]}',
);
const SECRET = 'test-secret';

describe('id suffixes for repeated runs', () => {
  const ids = collectWamids([body]);

  it('collects message and status ids only', () => {
    expect([...ids].sort()).toEqual(['wamid.A', 'wamid.B']);
  });

  describe('in a body', () => {
    const rewritten = suffixIdsInBody(body, ids, '.r1').toString();

    it('suffixes every string equal to an id, references included', () => {
      expect(rewritten).toContain('"id":"wamid.A.r1"');
      expect(rewritten).toContain('"context":{"id":"wamid.B.r1"}');
      expect(rewritten).toContain('"statuses":[{"id":"wamid.B.r1"');
    });

    it('leaves other strings and every escape byte for byte', () => {
      expect(rewritten).toContain('"body":"caf\\u00e9 wamid.A"');
      expect(rewritten).toContain('"image\\/jpeg"');
      expect(rewritten).toContain('"id":"300"');
    });
  });

  it('leaves a body that is not UTF-8 alone', () => {
    const binary = Buffer.from([0xff, 0xfe, 0x22]);
    expect(suffixIdsInBody(binary, ids, '.r1')).toBe(binary);
  });

  it('suffixes expectation values and keys', () => {
    const expect_ = {
      records: [{ wamid: 'wamid.A', context_id: 'wamid.B', text: 'x' }],
      status_view: { 'wamid.B': 'read' },
    };
    expect(suffixIdsInValue(expect_, ids, '.r1')).toEqual({
      records: [{ wamid: 'wamid.A.r1', context_id: 'wamid.B.r1', text: 'x' }],
      status_view: { 'wamid.B.r1': 'read' },
    });
  });

  describe('re-signing', () => {
    const rewritten = suffixIdsInBody(body, ids, '.r1');

    it('recomputes a signature that was genuine', () => {
      const headers = resignHeaders(
        { 'X-Hub-Signature-256': signBody(body, SECRET) },
        body,
        rewritten,
        SECRET,
      );
      expect(headers).toEqual({
        'X-Hub-Signature-256': signBody(rewritten, SECRET),
      });
    });

    it('keeps a forged signature forged, and header names as written', () => {
      const forged = signBody(body, 'verify-token');
      const headers = resignHeaders(
        { 'x-HUB-signature-256': forged, 'User-Agent': 'facebookexternalua' },
        body,
        rewritten,
        SECRET,
      );
      expect(headers).toEqual({
        'x-HUB-signature-256': forged,
        'User-Agent': 'facebookexternalua',
      });
    });
  });
});
