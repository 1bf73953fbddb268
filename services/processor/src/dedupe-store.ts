import { ClaimStore, type RedisClient } from '@wapipe/redis';

/** What a claim attempt found. */
export type ClaimResult = 'claimed' | 'duplicate' | 'busy';

/**
 * The processor's view of the shared claim store: an identity already
 * done, or claimed earlier in this same batch (our own token), is a
 * duplicate; someone else's live claim means "busy".
 */
export class DedupeStore {
  private readonly claims: ClaimStore;

  constructor(
    redis: RedisClient,
    options: { leaseMs: number; doneTtlSeconds: number },
  ) {
    this.claims = new ClaimStore(redis, options);
  }

  /** Claims every key in order, as one batch with one token. */
  async claimAll(
    keys: readonly string[],
    token: string,
  ): Promise<ClaimResult[]> {
    const states = await this.claims.claimAll(keys, token);
    return states.map((state) =>
      state === 'claimed' || state === 'busy' ? state : 'duplicate',
    );
  }

  markAllDone(keys: readonly string[], token: string): Promise<void> {
    return this.claims.markAllDone(keys, token);
  }

  release(key: string, token: string): Promise<void> {
    return this.claims.release(key, token);
  }
}
