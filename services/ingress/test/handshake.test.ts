import { afterAll, describe, expect, it } from 'vitest';
import { testIngress } from './harness.ts';

const { service } = testIngress({ VERIFY_TOKEN: 'b17-verify-token-Test' });
afterAll(() => service.app.close());

function handshake(query: string) {
  return service.app.inject({
    method: 'GET',
    url: `/webhooks/whatsapp?${query}`,
  });
}

describe('ingress handshake', () => {
  describe('when mode and token match', () => {
    it('echoes the challenge exactly, as plain text', async () => {
      const res = await handshake(
        'hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=b17-verify-token-Test',
      );
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('1158201444');
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
    });

    it('keeps leading zeros and digits beyond 2^53', async () => {
      const res = await handshake(
        'hub.mode=subscribe&hub.challenge=0098765432101234567&hub.verify_token=b17-verify-token-Test',
      );
      expect(res.body).toBe('0098765432101234567');
    });
  });

  describe('when anything is off', () => {
    it.each([
      [
        'a wrong token',
        'hub.mode=subscribe&hub.challenge=42&hub.verify_token=wrong',
      ],
      [
        'a longer token',
        'hub.mode=subscribe&hub.challenge=42&hub.verify_token=b17-verify-token-Test2',
      ],
      [
        'mode unsubscribe',
        'hub.mode=unsubscribe&hub.challenge=42&hub.verify_token=b17-verify-token-Test',
      ],
      ['no token', 'hub.mode=subscribe&hub.challenge=42'],
      [
        'underscored names',
        'hub_mode=subscribe&hub_challenge=42&hub_verify_token=b17-verify-token-Test',
      ],
    ])('answers 403 without the challenge for %s', async (_name, query) => {
      const res = await handshake(query);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('42');
    });
  });

  it('refuses every handshake when no verify token is configured', async () => {
    const bare = testIngress();
    const res = await bare.service.app.inject({
      method: 'GET',
      url: '/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=',
    });
    expect(res.statusCode).toBe(403);
    await bare.service.app.close();
  });
});
