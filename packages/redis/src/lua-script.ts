import type { RedisClient } from './redis-client.ts';

/** Runs a one-key Lua script with its key and arguments. */
export type LuaScript = (key: string, ...args: string[]) => Promise<unknown>;

type ScriptCommand = (
  this: RedisClient,
  key: string,
  ...args: string[]
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
  const commands = redis as unknown as Record<string, ScriptCommand>;
  if (typeof commands[name] !== 'function')
    redis.defineCommand(name, { numberOfKeys: 1, lua });
  const command = commands[name] as ScriptCommand;
  return (key, ...args) => command.call(redis, key, ...args);
}
