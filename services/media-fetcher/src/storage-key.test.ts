import { describe, expect, it } from 'vitest';
import { InvalidMediaRequestError } from './errors.ts';
import { storageKey } from './storage-key.ts';

const HEX = '4c0db8dbfb4bf8933b03e7e77f81c77c8243c556e888e0b55f38db06ad420b99';

describe('storageKey', () => {
  it('is phone number id, digest and extension', () => {
    expect(storageKey('200000000000001', HEX, 'ogg')).toBe(
      `200000000000001/${HEX}.ogg`,
    );
  });

  it.each([
    ['../../etc', HEX, 'pdf'],
    ['2000 01', HEX, 'pdf'],
    ['200', 'G+L5DNTn3AQuwgAersNrS2lnwEwBNSCPuDZ3fb8R7FI=', 'pdf'],
    ['200', HEX, 'ogg; codecs=opus'],
    ['200', HEX, 'PDF'],
    ['200', HEX, '../x'],
    ['200', HEX, ''],
  ])('refuses unsafe parts (%s, %s, %s)', (owner, digest, extension) => {
    expect(() => storageKey(owner, digest, extension)).toThrow(
      InvalidMediaRequestError,
    );
  });
});
