import { Cluster } from 'ioredis';
import type { RedisClient } from './redis-client.ts';

/** Runs a one-key Lua script with its key and arguments. */
export type LuaScript = (key: string, ...args: string[]) => Promise<unknown>;

/** One key of a multi-key script call, with the arguments for it alone. */
export interface KeyCall {
  key: string;
  args?: readonly string[];
}

/**
 * Runs a script that loops over KEYS, for `calls` in order, and resolves
 * with its per-key results in the same order. ARGV holds `shared` first,
 * then each key's own arguments, key by key.
 */
export type KeysScript = (
  calls: readonly KeyCall[],
  ...shared: string[]
) => Promise<unknown[]>;

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

// A script blocks Redis while it runs: a few hundred keys take well under
// a millisecond, a body of thousands of updates is split.
const MAX_KEYS_PER_CALL = 500;

/**
 * As `luaScript`, for a script that loops over KEYS: one call for a whole
 * batch instead of a command per record, which was most of the Redis CPU
 * and a fifth of the processor's. The calls are issued at once and in
 * order, up to MAX_KEYS_PER_CALL keys each on a single node or Sentinel.
 * A cluster refuses a script whose keys live on different slots, so there
 * each key goes alone, and first: auto-pipelining routes a script call by
 * its first argument (with the key count first, every call of a tick went
 * to one node, which refused the other nodes' keys).
 */
export function keysScript(
  redis: RedisClient,
  name: string,
  lua: string,
): KeysScript {
  const cluster = redis instanceof Cluster;
  const command = defined(redis, name, lua, cluster ? 1 : undefined);
  const size = cluster ? 1 : MAX_KEYS_PER_CALL;
  return async (calls, ...shared) => {
    const replies = await Promise.all(
      chunks(calls, size).map((chunk) => {
        const keys = chunk.map((c) => c.key);
        const head = cluster ? keys : [keys.length, ...keys];
        const own = chunk.flatMap((c) => c.args ?? []);
        return command.call(redis, ...head, ...shared, ...own);
      }),
    );
    return (replies as unknown[][]).flat();
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size)
    out.push(items.slice(at, at + size));
  return out;
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
