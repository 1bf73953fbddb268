import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ensureStack } from '@wapipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaClaims } from './media-claims.ts';

let redis: Redis;
let claims: MediaClaims;

beforeAll(async () => {
  const { redisUrl } = await ensureStack();
  redis = new Redis(redisUrl);
  claims = new MediaClaims(redis, {
    keyPrefix: `test-${randomUUID()}`,
    leaseMs: 2_000,
    doneTtlSeconds: 60,
  });
}, 180_000);
afterAll(() => redis.quit());

const freshKey = () => claims.keyOf('200', randomUUID());

describe('media claims', () => {
  it('hash-tags the key on phone number id and media id', () => {
    expect(claims.keyOf('200', '300')).toMatch(/:media:\{200:300\}$/);
  });

  it('lets one worker claim and tells the next it is busy', async () => {
    const key = freshKey();
    expect(await claims.tryClaim(key)).toMatchObject({ state: 'claimed' });
    expect(await claims.tryClaim(key)).toEqual({ state: 'busy' });
  });

  it('reports done once marked, for at least eight days', async () => {
    const key = freshKey();
    const long = new MediaClaims(redis, {
      keyPrefix: 'unused',
      leaseMs: 2_000,
      doneTtlSeconds: 8 * 24 * 3600,
    });
    const result = await long.tryClaim(key);
    if (result.state !== 'claimed') throw new Error('expected a claim');
    await long.markDone(result.claim);
    expect(await long.tryClaim(key)).toEqual({ state: 'done' });
    expect(await redis.ttl(key)).toBeGreaterThan(8 * 24 * 3600 - 5);
  });

  it('frees the media on release, so a redelivery fetches again', async () => {
    const key = freshKey();
    const result = await claims.tryClaim(key);
    if (result.state !== 'claimed') throw new Error('expected a claim');
    await claims.release(result.claim);
    expect(await claims.tryClaim(key)).toMatchObject({ state: 'claimed' });
  });

  it('never releases or renews a claim another worker now holds', async () => {
    const key = freshKey();
    const stale = { key, token: 'claim:stale' };
    await redis.set(key, 'claim:current', 'PX', 2_000);
    await claims.release(stale);
    expect(await claims.renew(stale)).toBe(false);
    expect(await redis.get(key)).toBe('claim:current');
  });
});
