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
});
