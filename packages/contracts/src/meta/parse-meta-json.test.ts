import { describe, expect, it } from 'vitest';
import { parseMetaJson } from './parse-meta-json.ts';

describe('parseMetaJson', () => {
  it('keeps integers beyond 2^53 as their exact digits', () => {
    const body =
      '{"message_template_id":12345678901234567890,"n":[9007199254740993]}';
    expect(parseMetaJson(body)).toEqual({
      message_template_id: '12345678901234567890',
      n: ['9007199254740993'],
    });
  });

  it('leaves safe numbers, decimals and digit strings alone', () => {
    const body =
      '{"a":1000000000000001,"b":1.5e300,"c":"12345678901234567890"}';
    expect(parseMetaJson(body)).toEqual({
      a: 1000000000000001,
      b: 1.5e300,
      c: '12345678901234567890',
    });
  });

  it('finds the unsafe integer after safe 16-digit ones', () => {
    const body =
      '{"id":1234567890123456,"max":9007199254740991,"big":9007199254740992}';
    expect(parseMetaJson(body)).toEqual({
      id: 1234567890123456,
      max: 9007199254740991,
      big: '9007199254740992',
    });
  });

  it('keeps numbers beyond a double as their text, not Infinity (null once written)', () => {
    const body = '{"a":1e400,"b":[-2.5E+308],"c":1e-400,"d":1.5e300}';
    const parsed = parseMetaJson(body);
    expect(parsed).toEqual({ a: '1e400', b: ['-2.5E+308'], c: 0, d: 1.5e300 });
    expect(JSON.stringify(parsed)).not.toContain('null');
  });
});
