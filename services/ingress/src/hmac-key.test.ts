import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSha256Key } from './hmac-key.ts';

const reference = (secret: string | Buffer, message: Buffer) =>
  createHmac('sha256', secret).update(message).digest();

describe('HmacSha256Key', () => {
  // Around the 64-byte block: short keys are padded, long ones hashed.
  const keyLengths = [0, 1, 31, 32, 63, 64, 65, 128, 1000];
  const messageLengths = [0, 1, 55, 56, 63, 64, 65, 600, 3 * 1024 * 1024];

  it.each(keyLengths)('matches createHmac with a %i-byte key', (length) => {
    const secret = randomBytes(length);
    const key = new HmacSha256Key(secret);
    for (const size of messageLengths) {
      const message = randomBytes(size);
      expect(key.sign(message)).toEqual(reference(secret, message));
    }
  });

  it('reads a string secret as UTF-8, as createHmac does', () => {
    const secret = 'clé-secrète-✓';
    const message = Buffer.from('{"object":"whatsapp_business_account"}');
    expect(new HmacSha256Key(secret).sign(message)).toEqual(
      reference(secret, message),
    );
  });

  it('gives the same answer however often it is used', () => {
    const key = new HmacSha256Key('s');
    const message = Buffer.from('body');
    expect(key.sign(message)).toEqual(key.sign(message));
  });

  it('matches createHmac on RFC 4231 test case 2', () => {
    const mac = new HmacSha256Key('Jefe').sign(
      Buffer.from('what do ya want for nothing?'),
    );
    expect(mac.toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
