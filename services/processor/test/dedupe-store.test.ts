import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { DedupeStore } from '../src/dedupe-store.ts';

const redis = new Redis(process.env.REDIS_URL ?? '');
const store = new DedupeStore(redis, { leaseMs: 300, doneTtlSeconds: 60 });
afterAll(() => redis.quit());

const key = () => `test:${randomUUID()}:msg:{1:wamid.X}`;
// One key at a time, as a batch of one.
const claim = async (k: string, token: string) =>
  (await store.claimAll([k], token))[0];
const markDone = (k: string, token: string) => store.markAllDone([k], token);

describe('dedupe store', () => {
  describe('when two consumers claim the same identity at once', () => {
    it('lets exactly one of them have it', async () => {
      const k = key();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => claim(k, randomUUID())),
      );
      expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r === 'busy')).toHaveLength(19);
    });
  });

  describe('when the identity was done', () => {
    it('reports a duplicate to anyone', async () => {
      const k = key();
      await claim(k, 'a');
      await markDone(k, 'a');
      expect(await claim(k, 'b')).toBe('duplicate');
      expect(await redis.ttl(k)).toBeGreaterThan(50);
    });
  });

  describe('when work failed', () => {
    it('frees the identity at once for the retry', async () => {
      const k = key();
      await claim(k, 'a');
      await store.release(k, 'a');
      expect(await claim(k, 'b')).toBe('claimed');
    });

    it('does not let another token release or finish it', async () => {
      const k = key();
      await claim(k, 'a');
      await store.release(k, 'b');
      await markDone(k, 'b');
      expect(await redis.get(k)).toBe('a');
    });
  });

  describe('when Redis forgot its scripts (a restart flushes them)', () => {
    it('loads them again and claims as before', async () => {
      const k = key();
      expect(await claim(k, 'a')).toBe('claimed');
      await redis.script('FLUSH');
      expect(await claim(k, 'b')).toBe('busy');
      await markDone(k, 'a');
      expect(await claim(k, 'b')).toBe('duplicate');
    });
  });

  describe('when the claimant crashed', () => {
    it('frees the identity once the lease runs out', async () => {
      const k = key();
      await claim(k, 'crashed');
      expect(await claim(k, 'b')).toBe('busy');
      await new Promise((r) => setTimeout(r, 400));
      expect(await claim(k, 'b')).toBe('claimed');
    });
  });

  it('treats its own token as a duplicate within one batch', async () => {
    const k = key();
    expect(await claim(k, 't')).toBe('claimed');
    expect(await claim(k, 't')).toBe('duplicate');
  });

  describe('when a whole batch is claimed at once', () => {
    it('answers per key, in order, each as a single claim would', async () => {
      const [free, again, taken, finished] = [key(), key(), key(), key()];
      await claim(taken, 'other');
      await claim(finished, 'other');
      await markDone(finished, 'other');
      const results = await store.claimAll(
        [free, again, taken, again, finished],
        't',
      );
      expect(results).toEqual([
        'claimed',
        'claimed',
        'busy',
        'duplicate',
        'duplicate',
      ]);
    });

    it('keeps input order across the calls a large batch is split into', async () => {
      const keys = Array.from({ length: 1_200 }, key);
      const results = await store.claimAll([...keys, keys[0] as string], 't');
      expect(results.slice(0, 1_200).every((r) => r === 'claimed')).toBe(true);
      expect(results[1_200]).toBe('duplicate');
    });

    it('marks done only the keys that are still ours', async () => {
      const [mine, lost] = [key(), key()];
      await store.claimAll([mine, lost], 't');
      await redis.set(lost, 'taken-over');
      await store.markAllDone([mine, lost], 't');
      expect(await redis.get(mine)).toBe('done');
      expect(await redis.get(lost)).toBe('taken-over');
      expect(await store.claimAll([], 't')).toEqual([]);
    });
  });
});
