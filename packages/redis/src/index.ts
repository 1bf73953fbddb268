export {
  createRedis,
  connectRedis,
  closeRedis,
  type RedisClient,
} from './redis-client.ts';
export { ClaimStore, type ClaimState } from './claim-store.ts';
export { luaScript, type LuaScript } from './lua-script.ts';
