import { STATUS_RANK, statusRank } from '@wapipe/contracts';
import { luaScript, type LuaScript, type RedisClient } from '@wapipe/redis';

// Moves a message's delivery state forward, never back: sent < delivered
// < read < played. `failed` applies only while nothing was delivered and
// is then terminal (REFERENCE §7.2: order is not guaranteed, and a
// device may report failure after another device read it).
// Statuses we do not rank (e.g. a future one) leave the state unchanged.
// Returns the state after this status.
const APPLY = `
local state = redis.call('HGET', KEYS[1], 'status')
local rank = tonumber(redis.call('HGET', KEYS[1], 'rank') or '0')
local status, newRank = ARGV[1], tonumber(ARGV[2])
if state ~= 'failed' then
  if status == 'failed' and rank < ${STATUS_RANK.delivered} then
    state, rank = 'failed', 0
  elseif newRank > rank then
    state, rank = status, newRank
  end
  if state then redis.call('HSET', KEYS[1], 'status', state, 'rank', rank) end
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return state`;

/** Per-message delivery state, shared by every processor pod. */
export class StatusState {
  private readonly applyScript: LuaScript;
  private readonly ttlSeconds: number;

  constructor(redis: RedisClient, ttlSeconds: number) {
    this.applyScript = luaScript(redis, 'wapipeApplyStatus', APPLY);
    this.ttlSeconds = ttlSeconds;
  }

  /** Applies `status` and returns the message's current status. */
  async apply(key: string, status: string): Promise<string> {
    const rank = statusRank(status);
    const state = await this.applyScript(
      key,
      status,
      String(rank),
      String(this.ttlSeconds),
    );
    // A first status we cannot rank still needs a current value to publish.
    return typeof state === 'string' ? state : status;
  }
}
