import { luaScript, type LuaScript } from './lua-script.ts';
import type { RedisClient } from './redis-client.ts';

/** What a claim attempt found under the key. */
export type ClaimState = 'claimed' | 'done' | 'mine' | 'busy';

const DONE = 'done';

// SET NX with a lease; otherwise report who holds the key. Atomic, so two
// workers can never both see "claimed".
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
local current = redis.call('GET', KEYS[1])
if current == '${DONE}' then return 0 end
if current == ARGV[1] then return 2 end
return -1`;

// Only the claimant may finish (when asked to check), extend or release:
// a lease that expired and was taken over is no longer ours to touch.
const MARK_DONE_IF_MINE = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] or current == false then
  redis.call('SET', KEYS[1], '${DONE}', 'EX', ARGV[2])
  return 1
end
return 0`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const STATES: Record<number, ClaimState> = {
  1: 'claimed',
  0: 'done',
  2: 'mine',
  [-1]: 'busy',
};

/**
 * "Process once" marks shared by every stage that claims work in Redis: a
 * token-owned lease before the work, `done` (with a TTL) after its outputs
 * are durable, and a release on failure so a retry is never mistaken for
 * a duplicate.
 */
export class ClaimStore {
  private readonly redis: RedisClient;
  private readonly leaseMs: number;
  private readonly doneTtlSeconds: number;
  private readonly scripts: Record<
    'claim' | 'renew' | 'markDoneIfMine' | 'release',
    LuaScript
  >;

  constructor(
    redis: RedisClient,
    options: { leaseMs: number; doneTtlSeconds: number },
  ) {
    this.redis = redis;
    this.leaseMs = options.leaseMs;
    this.doneTtlSeconds = options.doneTtlSeconds;
    this.scripts = {
      claim: luaScript(redis, 'wapipeClaim', CLAIM),
      renew: luaScript(redis, 'wapipeRenew', RENEW),
      markDoneIfMine: luaScript(redis, 'wapipeMarkDone', MARK_DONE_IF_MINE),
      release: luaScript(redis, 'wapipeRelease', RELEASE),
    };
  }

  async claim(key: string, token: string): Promise<ClaimState> {
    const lease = String(this.leaseMs);
    const result = await this.scripts.claim(key, token, lease);
    return STATES[Number(result)] ?? 'busy';
  }

  /** False when the lease was lost (expired, maybe taken by another). */
  async renew(key: string, token: string): Promise<boolean> {
    const lease = String(this.leaseMs);
    return (await this.scripts.renew(key, token, lease)) === 1;
  }

  /**
   * Marks the key done. With a token, only while the claim is still ours
   * (or gone); without one, unconditionally.
   */
  async markDone(key: string, token?: string): Promise<void> {
    const ttl = String(this.doneTtlSeconds);
    if (token === undefined) {
      await this.redis.set(key, DONE, 'EX', this.doneTtlSeconds);
      return;
    }
    await this.scripts.markDoneIfMine(key, token, ttl);
  }

  async release(key: string, token: string): Promise<void> {
    await this.scripts.release(key, token);
  }
}
