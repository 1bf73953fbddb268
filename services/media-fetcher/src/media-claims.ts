import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@wapipe/redis';

const DONE = 'done';

// Compare-and-act on the claim's own token, so a worker whose lease ran
// out can never release or extend a claim another worker now holds.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export interface Claim {
  key: string;
  token: string;
}

export type ClaimResult =
  { state: 'claimed'; claim: Claim } | { state: 'done' } | { state: 'busy' };

export interface ClaimOptions {
  keyPrefix: string;
  leaseMs: number;
  doneTtlSeconds: number;
}

/**
 * Who is fetching which media, and which are finished. A claim is a
 * lease (SET NX PX) taken before any work; "done" replaces it only after
 * the media-stored record was acknowledged, and a failure deletes it, so
 * a redelivery always fetches again (shared/cases B18).
 */
export class MediaClaims {
  private readonly redis: RedisClient;
  private readonly options: ClaimOptions;

  constructor(redis: RedisClient, options: ClaimOptions) {
    this.redis = redis;
    this.options = options;
  }

  /** Hash-tagged so one media id's key stays on one cluster shard. */
  keyOf(owner: string, mediaId: string): string {
    return `${this.options.keyPrefix}:media:{${owner}:${mediaId}}`;
  }

  async tryClaim(key: string): Promise<ClaimResult> {
    const token = `claim:${randomUUID()}`;
    const ms = this.options.leaseMs;
    const set = await this.redis.set(key, token, 'PX', ms, 'NX');
    if (set === 'OK') return { state: 'claimed', claim: { key, token } };
    const current = await this.redis.get(key);
    return current === DONE ? { state: 'done' } : { state: 'busy' };
  }

  /** False when the lease was lost (expired, and maybe taken by another). */
  async renew(claim: Claim): Promise<boolean> {
    const args = [claim.token, String(this.options.leaseMs)];
    const renewed = await this.redis.eval(RENEW, 1, claim.key, ...args);
    return renewed === 1;
  }

  /**
   * Unconditional: the record is out, so the media is done even if our
   * lease lapsed meanwhile.
   */
  async markDone(claim: Claim): Promise<void> {
    const ttl = this.options.doneTtlSeconds;
    await this.redis.set(claim.key, DONE, 'EX', ttl);
  }

  async release(claim: Claim): Promise<void> {
    await this.redis.eval(RELEASE, 1, claim.key, claim.token);
  }
}
