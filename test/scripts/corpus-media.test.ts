import { describe, expect, it } from 'vitest';
import { loadCorpus } from '@wapipe/testing';
import {
  corpusMedia,
  withServedDigests,
} from '../../scripts/demo/corpus-media.ts';

const { bodies } = loadCorpus();
const image = bodies.find((b) => b.name === 'msg_image');

describe('the demo corpus media', () => {
  it('finds every media object once', () => {
    const ids = corpusMedia(bodies).map((m) => m.id);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('announcing the digest of the served bytes', () => {
    const served = 'AAAA/BBBB+CCCC/DDDD=';
    const rewritten = withServedDigests(
      image!.raw,
      new Map([['900000000000001', served]]),
    );
    const text = rewritten.toString();

    it('replaces the webhook sha256, escaping "/" as Meta does', () => {
      expect(text).toContain('"sha256":"AAAA\\/BBBB+CCCC\\/DDDD="');
      const parsed = JSON.parse(text) as {
        entry: { changes: { value: { messages: { image: object }[] } }[] }[];
      };
      const media = parsed.entry[0]?.changes[0]?.value.messages[0]?.image;
      expect(media).toMatchObject({ sha256: served });
    });

    it('changes nothing else', () => {
      const original = image!.raw.toString();
      const [before, after] = original.split(/"sha256":"[^"]*"/);
      expect(text.startsWith(before!)).toBe(true);
      expect(text.endsWith(after!)).toBe(true);
    });
  });

  it('leaves a body without served media byte for byte', () => {
    const text = bodies.find((b) => b.name === 'msg_text')!;
    expect(withServedDigests(text.raw, new Map())).toBe(text.raw);
  });
});
