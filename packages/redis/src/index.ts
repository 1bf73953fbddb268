export {
  createRedis,
  connectRedis,
  closeRedis,
  type RedisClient,
} from './redis-client.ts';
export { ClaimStore, type ClaimState } from './claim-store.ts';
export {
  keysScript,
  luaScript,
  type KeyCall,
  type KeysScript,
  type LuaScript,
} from './lua-script.ts';
