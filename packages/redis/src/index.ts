export {
  createRedis,
  connectRedis,
  closeRedis,
  type RedisClient,
} from './redis-client.ts';
export { ClaimStore, type ClaimState } from './claim-store.ts';
export {
  eachKeyBatch,
  keysScript,
  luaScript,
  type KeysScript,
  type LuaScript,
} from './lua-script.ts';
