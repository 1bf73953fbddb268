import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import {
  DigestMismatchError,
  MediaTooLargeError,
  SizeMismatchError,
} from './errors.ts';

export interface Expectation {
  /** Lower-case hex SHA-256 the bytes must have. */
  sha256Hex: string;
  /** Announced size, when Meta gave one. */
  size: number | undefined;
  maxBytes: number;
}

/**
 * Passes bytes through while hashing and counting them. It fails the
 * stream, instead of ending it, when the bytes are not what Meta
 * announced, so a store that commits only on a clean end (temp file
 * rename, S3 upload completion) never commits them.
 */
export class VerifyingStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private readonly expectation: Expectation;
  private bytes = 0;

  constructor(expectation: Expectation) {
    super();
    this.expectation = expectation;
  }

  get byteCount(): number {
    return this.bytes;
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    this.bytes += chunk.length;
    const tooMany = this.overrun();
    if (tooMany) return callback(tooMany);
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.mismatch());
  }

  // Fail early: no point streaming 100 MB of a body already too long.
  private overrun(): Error | undefined {
    const { size, maxBytes } = this.expectation;
    if (this.bytes > maxBytes) {
      return new MediaTooLargeError(`media exceeds ${maxBytes} bytes`);
    }
    if (size !== undefined && this.bytes > size) {
      return new SizeMismatchError(`media is longer than announced ${size}`);
    }
    return undefined;
  }

  private mismatch(): Error | null {
    const { size, sha256Hex } = this.expectation;
    if (size !== undefined && this.bytes !== size) {
      return new SizeMismatchError(
        `media has ${this.bytes} bytes, announced ${size}`,
      );
    }
    const actual = this.hash.digest('hex');
    if (actual === sha256Hex) return null;
    return new DigestMismatchError('media sha256 differs from announced');
  }
}
