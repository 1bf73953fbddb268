import { createHash, randomBytes } from 'node:crypto';
import type { ServedMedia } from './types.ts';

interface MintedUrl {
  mediaId: string;
  expiresAt: number;
}

/**
 * Media served from bytes: lookups mint a download URL token that expires
 * like Meta's (5 minutes by default, §14.1), so tests can make URLs go
 * stale without scripting every answer.
 */
export class ServedMediaStore {
  private readonly media = new Map<string, ServedMedia>();
  private readonly tokens = new Map<string, MintedUrl>();
  private readonly accessTokens = new Map<string, string | undefined>();
  private readonly urlTtlMs: number;

  constructor(urlTtlMs: number) {
    this.urlTtlMs = urlTtlMs;
  }

  add(
    id: string,
    bytes: Buffer,
    mimeType: string,
    accessToken: string | undefined,
  ): ServedMedia {
    const digest = createHash('sha256').update(bytes).digest();
    const served: ServedMedia = {
      id,
      bytes,
      mimeType,
      sha256Hex: digest.toString('hex'),
      sha256Base64: digest.toString('base64'),
      size: bytes.length,
    };
    this.media.set(id, served);
    this.accessTokens.set(id, accessToken);
    return served;
  }

  get(id: string): ServedMedia | undefined {
    return this.media.get(id);
  }

  accessTokenOf(id: string): string | undefined {
    return this.accessTokens.get(id);
  }

  /** A fresh `tok=` value for a download URL of this media id. */
  mintUrlToken(mediaId: string): string {
    const token = randomBytes(12).toString('base64url');
    this.tokens.set(token, { mediaId, expiresAt: Date.now() + this.urlTtlMs });
    return token;
  }

  /** True while the token was minted for this media id and is unexpired. */
  isLive(mediaId: string, token: string | undefined): boolean {
    const minted = token ? this.tokens.get(token) : undefined;
    if (!minted || minted.mediaId !== mediaId) return false;
    return Date.now() < minted.expiresAt;
  }

  clear(): void {
    this.media.clear();
    this.tokens.clear();
    this.accessTokens.clear();
  }
}
