import { describe, expect, it } from 'vitest';
import { digestHex, expectedDigest, sameDigest } from './digest.ts';

// shared/cases/B18: the webhook's base64 and the lookup's hex digest.
const HEX = '1be2f90cd4e7dc042ec2001eaec36b4b6967c04c0135208fb836777dbf11ec52';
const BASE64 = 'G+L5DNTn3AQuwgAersNrS2lnwEwBNSCPuDZ3fb8R7FI=';

describe('digests', () => {
  it('reads base64 and hex as the same digest', () => {
    expect(digestHex(BASE64)).toBe(HEX);
    expect(digestHex(HEX.toUpperCase())).toBe(HEX);
    expect(sameDigest(BASE64, HEX)).toBe(true);
  });

  it('rejects what is neither', () => {
    expect(digestHex('abc')).toBeUndefined();
    expect(digestHex(`${HEX}00`)).toBeUndefined();
    expect(digestHex(null)).toBeUndefined();
    expect(sameDigest(undefined, undefined)).toBe(false);
  });

  it('prefers the lookup digest and falls back to the webhook one', () => {
    const other = 'a'.repeat(64);
    expect(expectedDigest(other, BASE64)).toBe(other);
    expect(expectedDigest(undefined, BASE64)).toBe(HEX);
    expect(expectedDigest('garbage', BASE64)).toBe(HEX);
    expect(expectedDigest(undefined, null)).toBeUndefined();
  });
});
