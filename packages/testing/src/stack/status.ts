// `status`: what state.json says, checked against reality (pid alive and a
// real protocol answer), so a crashed broker shows as down, not as "up".
import { KAFKA_MARKER } from './local-kafka.ts';
import { REDIS_MARKER } from './local-redis.ts';
import { S3_MARKER } from './local-s3.ts';
import { isAlive } from './proc.ts';
import { kafkaAnswers, redisAnswers } from './readiness.ts';
import { s3Answers } from './s3-probe.ts';
import { readState } from './state.ts';
import type { KafkaInfo, Origin, RedisInfo, S3Info } from './state.ts';

export interface ComponentStatus {
  name: string;
  origin: Origin;
  address: string;
  answers: boolean;
  pid?: number;
  pidAlive?: boolean;
  containerId?: string;
}

async function kafkaStatus(k: KafkaInfo): Promise<ComponentStatus> {
  return {
    name: k.version ? `kafka ${k.version}` : 'kafka',
    origin: k.origin,
    address: k.brokers.join(','),
    answers: await kafkaAnswers(k.brokers),
    pid: k.pid,
    pidAlive: k.pid ? isAlive(k.pid, KAFKA_MARKER) : undefined,
    containerId: k.containerId,
  };
}

async function redisStatus(r: RedisInfo): Promise<ComponentStatus> {
  return {
    name: 'redis',
    origin: r.origin,
    address: r.url,
    answers: await redisAnswers(r.url),
    pid: r.pid,
    pidAlive: r.pid ? isAlive(r.pid, REDIS_MARKER) : undefined,
    containerId: r.containerId,
  };
}

async function s3Status(s: S3Info): Promise<ComponentStatus> {
  const answers = await s3Answers(s);
  const pidAlive = s.pid ? isAlive(s.pid, S3_MARKER) : undefined;
  return {
    name: 's3',
    origin: s.origin,
    address: s.endpoint,
    answers,
    pid: s.pid,
    pidAlive,
  };
}

export async function stackStatus(): Promise<ComponentStatus[]> {
  const { kafka, redis, s3 } = readState();
  return Promise.all([
    ...(kafka ? [kafkaStatus(kafka)] : []),
    ...(redis ? [redisStatus(redis)] : []),
    ...(s3 ? [s3Status(s3)] : []),
  ]);
}
