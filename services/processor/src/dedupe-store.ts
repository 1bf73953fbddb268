import type { RedisClient } from '@wapipe/redis';

/** What a claim attempt found. */
export type ClaimResult = 'claimed' | 'duplicate' | 'busy';

const DONE = 'done';

// Claim: SET NX with a lease. An existing "done" (or our own token: the
// same identity earlier in this batch) is a duplicate; someone else's
// token means another consumer holds it right now.
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
local current = redis.call('GET', KEYS[1])
if current == '${DONE}' or current == ARGV[1] then return 0 end
return -1`;

// Only the claimant may finish or release: a lease that expired and was
// taken over by another consumer is not ours to touch.
const MARK_DONE = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] or current == false then
  redis.call('SET', KEYS[1], '${DONE}', 'EX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Atomic "process once" marks in Redis: claim before work, done (with a
 * TTL past Meta's retry horizon) only after the outputs are durable, and
 * release on failure so a retry is never mistaken for a duplicate.
 */
export class DedupeStore {
  private readonly redis: RedisClient;
  private readonly leaseMs: number;
  private readonly doneTtlSeconds: number;

  constructor(
    redis: RedisClient,
    options: { leaseMs: number; doneTtlSeconds: number },
  ) {
    this.redis = redis;
    this.leaseMs = options.leaseMs;
    this.doneTtlSeconds = options.doneTtlSeconds;
  }

  async claim(key: string, token: string): Promise<ClaimResult> {
    const result = await this.redis.eval(
      CLAIM,
      1,
      key,
      token,
      String(this.leaseMs),
    );
    if (result === 1) return 'claimed';
    return result === 0 ? 'duplicate' : 'busy';
  }

  async markDone(key: string, token: string): Promise<void> {
    await this.redis.eval(
      MARK_DONE,
      1,
      key,
      token,
      String(this.doneTtlSeconds),
    );
  }

  async release(key: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, key, token);
  }
}
