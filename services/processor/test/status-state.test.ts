import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { StatusState } from '../src/status-state.ts';

const redis = new Redis(process.env.REDIS_URL ?? '');
const state = new StatusState(redis, 60);
afterAll(() => redis.quit());

async function applyAll(statuses: string[]): Promise<string[]> {
  const key = `test:${randomUUID()}:state:{wamid}`;
  const out: string[] = [];
  for (const status of statuses) {
    const [current] = await state.applyAll([{ key, status }]);
    out.push(current ?? '');
  }
  return out;
}

describe('status state', () => {
  it('moves forward through sent, delivered, read and played', async () => {
    expect(await applyAll(['sent', 'delivered', 'read', 'played'])).toEqual([
      'sent',
      'delivered',
      'read',
      'played',
    ]);
  });

  describe('when statuses arrive out of order', () => {
    it('never lets a late sent or delivered downgrade a read', async () => {
      expect(await applyAll(['read', 'sent', 'delivered'])).toEqual([
        'read',
        'read',
        'read',
      ]);
    });
  });

  describe('when a message failed', () => {
    it('keeps failed once nothing was delivered', async () => {
      expect(await applyAll(['sent', 'failed', 'delivered', 'read'])).toEqual([
        'sent',
        'failed',
        'failed',
        'failed',
      ]);
    });

    it('ignores a failure reported after a device read it', async () => {
      expect(await applyAll(['read', 'failed'])).toEqual(['read', 'read']);
    });
  });

  it('publishes a status it cannot rank without changing the state', async () => {
    expect(await applyAll(['deleted', 'sent', 'deleted'])).toEqual([
      'deleted',
      'sent',
      'sent',
    ]);
  });

  it('does not mistake Object.prototype names for statuses', async () => {
    expect(
      await applyAll(['constructor', '__proto__', 'sent', 'toString']),
    ).toEqual(['constructor', '__proto__', 'sent', 'sent']);
  });

  describe('when a batch carries several statuses of one message', () => {
    it('applies them in order, in one call, as one by one would', async () => {
      const [a, b] = [1, 2].map(() => `test:${randomUUID()}:state:{w}`);
      const updates = [
        { key: a as string, status: 'read' },
        { key: b as string, status: 'sent' },
        { key: a as string, status: 'sent' },
        { key: b as string, status: 'failed' },
        { key: b as string, status: 'deleted' },
      ];
      expect(await state.applyAll(updates)).toEqual([
        'read',
        'sent',
        'read',
        'failed',
        'failed',
      ]);
    });

    it('answers an unranked first status with itself', async () => {
      const key = `test:${randomUUID()}:state:{w}`;
      expect(await state.applyAll([{ key, status: 'deleted' }])).toEqual([
        'deleted',
      ]);
      expect(await state.applyAll([])).toEqual([]);
    });
  });
});
