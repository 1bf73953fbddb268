import {
  keysScript,
  luaScript,
  type KeysScript,
  type LuaScript,
} from './lua-script.ts';
import type { RedisClient } from './redis-client.ts';

/** What a claim attempt found under the key. */
export type ClaimState = 'claimed' | 'done' | 'mine' | 'busy';

const DONE = 'done';

// For each key in order: SET NX with a lease, otherwise report who holds
// it (1 claimed, 0 done, 2 our own token, -1 someone else). Atomic, so two
// workers can never both see "claimed"; a key repeated in one call finds
// our own token the second time.
const CLAIM = `
local results = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then
    results[i] = 1
  else
    local current = redis.call('GET', key)
    if current == '${DONE}' then results[i] = 0
    elseif current == ARGV[1] then results[i] = 2
    else results[i] = -1 end
  end
end
return results`;

// Only the claimant may finish (when asked to check), extend or release:
// a lease that expired and was taken over is no longer ours to touch.
const MARK_DONE_IF_MINE = `
local marked = {}
for i, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  marked[i] = 0
  if current == ARGV[1] or current == false then
    redis.call('SET', key, '${DONE}', 'EX', ARGV[2])
    marked[i] = 1
  end
end
return marked`;

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
  private readonly scripts: Record<'renew' | 'release', LuaScript> &
    Record<'claim' | 'markDoneIfMine', KeysScript>;

  constructor(
    redis: RedisClient,
    options: { leaseMs: number; doneTtlSeconds: number },
  ) {
    this.redis = redis;
    this.leaseMs = options.leaseMs;
    this.doneTtlSeconds = options.doneTtlSeconds;
    this.scripts = {
      claim: keysScript(redis, 'wapipeClaimKeys', CLAIM),
      renew: luaScript(redis, 'wapipeRenew', RENEW),
      markDoneIfMine: keysScript(
        redis,
        'wapipeMarkDoneKeys',
        MARK_DONE_IF_MINE,
      ),
      release: luaScript(redis, 'wapipeRelease', RELEASE),
    };
  }

  async claim(key: string, token: string): Promise<ClaimState> {
    const [state] = await this.claimAll([key], token);
    return state ?? 'busy';
  }

  /** Claims every key in order, in as few calls as the topology allows. */
  async claimAll(
    keys: readonly string[],
    token: string,
  ): Promise<ClaimState[]> {
    const lease = String(this.leaseMs);
    const calls = keys.map((key) => ({ key }));
    const results = await this.scripts.claim(calls, token, lease);
    return results.map((result) => STATES[Number(result)] ?? 'busy');
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
    if (token === undefined) {
      await this.redis.set(key, DONE, 'EX', this.doneTtlSeconds);
      return;
    }
    await this.markAllDone([key], token);
  }

  /** Marks every key done that is still ours (or gone). */
  async markAllDone(keys: readonly string[], token: string): Promise<void> {
    const ttl = String(this.doneTtlSeconds);
    const calls = keys.map((key) => ({ key }));
    await this.scripts.markDoneIfMine(calls, token, ttl);
  }

  async release(key: string, token: string): Promise<void> {
    await this.scripts.release(key, token);
  }
}
