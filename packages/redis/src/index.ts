export {
  createRedis,
  connectRedis,
  closeRedis,
  type RedisClient,
} from './redis-client.ts';
