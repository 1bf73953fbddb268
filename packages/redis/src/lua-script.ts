import { Cluster } from 'ioredis';
import type { RedisClient } from './redis-client.ts';

/** Runs a one-key Lua script with its key and arguments. */
export type LuaScript = (key: string, ...args: string[]) => Promise<unknown>;

/** Runs a Lua script over any number of keys, with shared arguments. */
export type KeysScript = (
  keys: readonly string[],
  ...args: string[]
) => Promise<unknown>;

type ScriptCommand = (
  this: RedisClient,
  ...keysAndArgs: (string | number)[]
) => Promise<unknown>;

/**
 * A one-key Lua script called by its SHA (EVALSHA) through ioredis'
 * defineCommand, which loads it per connection and again after Redis
 * restarts (NOSCRIPT). Plain EVAL sent the whole script and made Redis
 * hash it on every call, once per record. `name` must be unique to `lua`.
 */
export function luaScript(
  redis: RedisClient,
  name: string,
  lua: string,
): LuaScript {
  const command = defined(redis, name, lua, 1);
  return (key, ...args) => command.call(redis, key, ...args);
}

/**
 * As `luaScript`, for a script that loops over KEYS: one call for a whole
 * batch instead of a command per record, which was most of the Redis CPU
 * and a fifth of the processor's. The key count is passed per call.
 */
export function keysScript(
  redis: RedisClient,
  name: string,
  lua: string,
): KeysScript {
  if (redis instanceof Cluster) {
    // Auto-pipelining routes a script call by its first argument, which
    // must then be the key: with the key count first, every call of a tick
    // went to one node's pipeline, which refuses keys of other nodes.
    // Cluster batches hold one key (keyBatches).
    const command = defined(redis, name, lua, 1);
    return (keys, ...args) => command.call(redis, onlyKey(keys), ...args);
  }
  const command = defined(redis, name, lua, undefined);
  return (keys, ...args) => command.call(redis, keys.length, ...keys, ...args);
}

function onlyKey(keys: readonly string[]): string {
  if (keys.length !== 1) throw new Error('a cluster script call takes one key');
  return keys[0] as string;
}

// A script blocks Redis while it runs: a few hundred keys take well under
// a millisecond, a body of thousands of updates is split.
const MAX_KEYS_PER_CALL = 500;

/**
 * The keys one multi-key call may carry, as lists of indices into `keys`,
 * in order. A cluster refuses a script whose keys live on different slots,
 * so there each key goes alone (auto-pipelining still groups them per
 * node); a single node or Sentinel takes up to MAX_KEYS_PER_CALL at once.
 */
function keyBatches(redis: RedisClient, keys: readonly string[]): number[][] {
  const size = redis instanceof Cluster ? 1 : MAX_KEYS_PER_CALL;
  const batches: number[][] = [];
  for (let start = 0; start < keys.length; start += size) {
    const end = Math.min(start + size, keys.length);
    batches.push(Array.from({ length: end - start }, (_, i) => start + i));
  }
  return batches;
}

/**
 * Runs `call` for each batch of `keys` (as indices into it), all issued
 * at once and in order, and resolves when every batch has answered.
 */
export async function eachKeyBatch(
  redis: RedisClient,
  keys: readonly string[],
  call: (indices: number[]) => Promise<void>,
): Promise<void> {
  await Promise.all(keyBatches(redis, keys).map(call));
}

function defined(
  redis: RedisClient,
  name: string,
  lua: string,
  numberOfKeys: number | undefined,
): ScriptCommand {
  const commands = redis as unknown as Record<string, ScriptCommand>;
  if (typeof commands[name] !== 'function') {
    const definition =
      numberOfKeys === undefined ? { lua } : { numberOfKeys, lua };
    redis.defineCommand(name, definition);
  }
  return commands[name] as ScriptCommand;
}
