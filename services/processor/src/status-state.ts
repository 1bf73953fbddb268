import { STATUS_RANK, statusRank } from '@wapipe/contracts';
import { keysScript, type KeysScript, type RedisClient } from '@wapipe/redis';

// Moves each message's delivery state forward, never back: sent <
// delivered < read < played. `failed` applies only while nothing was
// delivered and is then terminal (REFERENCE §7.2: order is not guaranteed,
// and a device may report failure after another device read it).
// Statuses we do not rank (e.g. a future one) leave the state unchanged.
// KEYS[i] gets status ARGV[2i] of rank ARGV[2i+1], in order, so a key
// repeated in one call sees its earlier statuses; ARGV[1] is the TTL.
// Returns the state after each status ('' while there is none).
const APPLY = `
local states = {}
for i, key in ipairs(KEYS) do
  local state = redis.call('HGET', key, 'status')
  local rank = tonumber(redis.call('HGET', key, 'rank') or '0')
  local status, newRank = ARGV[2 * i], tonumber(ARGV[2 * i + 1])
  if state ~= 'failed' then
    if status == 'failed' and rank < ${STATUS_RANK.delivered} then
      state, rank = 'failed', 0
    elseif newRank > rank then
      state, rank = status, newRank
    end
    if state then redis.call('HSET', key, 'status', state, 'rank', rank) end
  end
  redis.call('EXPIRE', key, ARGV[1])
  states[i] = state or ''
end
return states`;

/** One status of one message, as `applyAll` takes it. */
export interface StatusUpdate {
  key: string;
  status: string;
}

/** Per-message delivery state, shared by every processor pod. */
export class StatusState {
  private readonly applyScript: KeysScript;
  private readonly ttlSeconds: number;

  constructor(redis: RedisClient, ttlSeconds: number) {
    this.applyScript = keysScript(redis, 'wapipeApplyStatuses', APPLY);
    this.ttlSeconds = ttlSeconds;
  }

  /** Applies each status in order; returns the current status after each. */
  async applyAll(updates: readonly StatusUpdate[]): Promise<string[]> {
    const calls = updates.map(({ key, status }) => ({
      key,
      args: [status, String(statusRank(status))],
    }));
    const ttl = String(this.ttlSeconds);
    const states = await this.applyScript(calls, ttl);
    // A first status we cannot rank still needs a current value.
    return updates.map(({ status }, i) => (states[i] as string) || status);
  }
}
