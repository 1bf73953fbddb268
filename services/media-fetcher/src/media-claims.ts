import { randomUUID } from 'node:crypto';
import { ClaimStore, type RedisClient } from '@wapipe/redis';

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
  private readonly store: ClaimStore;
  private readonly keyPrefix: string;

  constructor(redis: RedisClient, options: ClaimOptions) {
    this.store = new ClaimStore(redis, options);
    this.keyPrefix = options.keyPrefix;
  }

  /** Hash-tagged so one media id's key stays on one cluster shard. */
  keyOf(owner: string, mediaId: string): string {
    return `${this.keyPrefix}:media:{${owner}:${mediaId}}`;
  }

  async tryClaim(key: string): Promise<ClaimResult> {
    const token = `claim:${randomUUID()}`;
    const state = await this.store.claim(key, token);
    if (state === 'claimed') return { state, claim: { key, token } };
    return state === 'done' ? { state } : { state: 'busy' };
  }

  /** False when the lease was lost (expired, and maybe taken by another). */
  renew(claim: Claim): Promise<boolean> {
    return this.store.renew(claim.key, claim.token);
  }

  /**
   * Unconditional: the record is out, so the media is done even if our
   * lease lapsed meanwhile.
   */
  markDone(claim: Claim): Promise<void> {
    return this.store.markDone(claim.key);
  }

  release(claim: Claim): Promise<void> {
    return this.store.release(claim.key, claim.token);
  }
}
