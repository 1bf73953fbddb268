import { describe, expect, it } from 'vitest';
import { loadCorpus, signBody } from '@wapipe/testing';
import { verifySignature } from './signature.ts';

const { appSecret, bodies } = loadCorpus();

describe('verifySignature', () => {
  describe('with every corpus body and its published signature', () => {
    it.each(bodies.map((b) => [b.name, b] as const))(
      'accepts %s',
      (_n, body) => {
        expect(verifySignature(body.raw, body.signature, [appSecret])).toEqual({
          ok: true,
          secretIndex: 0,
        });
      },
    );
  });

  describe('with bodies whose JSON round trip changes the bytes', () => {
    const fragile = bodies.filter((b) => !b.roundTripEqualsRaw);

    it('has such bodies to test', () =>
      expect(fragile.length).toBeGreaterThan(5));

    it.each(fragile.map((b) => [b.name, b] as const))(
      'refuses the re-serialised copy of %s',
      (_n, body) => {
        const copy = Buffer.from(
          JSON.stringify(JSON.parse(body.raw.toString())),
        );
        const check = verifySignature(copy, body.signature, [appSecret]);
        expect(check).toMatchObject({ ok: false, reason: 'mismatch' });
      },
    );
  });

  describe('when the header is wrong', () => {
    const body = Buffer.from(
      '{"object":"whatsapp_business_account","entry":[]}',
    );
    const good = signBody(body, appSecret);

    it.each([
      ['missing', undefined, 'missing'],
      ['empty', '', 'missing'],
      ['without prefix', good.slice(7), 'malformed'],
      ['sha1 style', 'sha1=' + 'a'.repeat(40), 'malformed'],
      ['truncated by one digit', good.slice(0, -1), 'malformed'],
      ['non-hex', 'sha256=' + 'z'.repeat(64), 'malformed'],
      ['repeated', [good, good], 'malformed'],
      ['keyed with another secret', signBody(body, 'other'), 'mismatch'],
    ] as const)('refuses a %s header', (_name, header, reason) => {
      const check = verifySignature(
        body,
        header as string | string[] | undefined,
        [appSecret],
      );
      expect(check).toMatchObject({ ok: false, reason });
    });

    it('refuses everything when no secret is configured', () => {
      expect(verifySignature(body, good, [])).toMatchObject({
        reason: 'no_secret',
      });
    });
  });

  describe('during an app secret rotation', () => {
    it('accepts a body signed with either secret', () => {
      const body = Buffer.from('{}');
      const check = verifySignature(body, signBody(body, 'new'), [
        'old',
        'new',
      ]);
      expect(check).toEqual({ ok: true, secretIndex: 1 });
    });
  });

  it('accepts upper-case hex digits', () => {
    const body = Buffer.from('{}');
    const header = 'sha256=' + signBody(body, 's').slice(7).toUpperCase();
    expect(verifySignature(body, header, ['s'])).toMatchObject({ ok: true });
  });
});
