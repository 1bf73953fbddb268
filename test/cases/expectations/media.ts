import { z } from 'zod';
import type { StoredMediaView } from '../observation.ts';
import { checker, show, type CheckContext } from './checker.ts';

const hex = z.string().regex(/^[0-9a-fA-F]{64}$/);

const mediaSpec = z.strictObject({
  media_id: z.string(),
  stored: z.boolean().optional(),
  sha256_hex: hex.optional(),
  bytes: z.number().int().nonnegative().optional(),
  extension_in: z.array(z.string()).optional(),
  content_type_prefix: z.string().optional(),
  times_stored: z.number().int().nonnegative().optional(),
  never_stored_sha256_hex: z.union([hex, z.array(hex)]).optional(),
  notes: z.unknown().optional(),
});

type MediaSpec = z.infer<typeof mediaSpec>;

/**
 * `media`: what the media fetcher stored per media id, checked on the
 * media-stored records and on the stored bytes themselves.
 */
export const media = checker('media', z.array(mediaSpec), (specs, context) =>
  specs.flatMap((spec) =>
    mediaDiffs(spec, context).map((d) => `media ${spec.media_id}: ${d}`),
  ),
);

const keyRules = z.strictObject({
  must_not_contain: z.array(z.string()).optional(),
  must_match: z.string().optional(),
  notes: z.unknown().optional(),
});

/** `storage_key_rules`: every stored key, and it stays in the store. */
export const storageKeyRules = checker(
  'storage_key_rules',
  keyRules,
  (rules, { observation }) =>
    observation.media.flatMap((stored) => keyDiffs(rules, stored)),
);

function mediaDiffs(spec: MediaSpec, context: CheckContext): string[] {
  const stored = context.observation.media.filter(
    (m) => m.mediaId === spec.media_id,
  );
  const diffs = [
    ...storedDiffs(spec, stored, context),
    ...neverStoredDiffs(spec, stored, context),
  ];
  const first = stored[0];
  if (!first) return diffs;
  return [...diffs, ...contentDiffs(spec, first)];
}

function storedDiffs(
  spec: MediaSpec,
  stored: StoredMediaView[],
  context: CheckContext,
): string[] {
  const times = stored.length;
  const diffs: string[] = [];
  if (spec.stored === true && times === 0) {
    diffs.push(`not stored${deadLetterHint(context)}`);
  }
  if (spec.stored === false && times > 0) diffs.push(`stored ${times} times`);
  if (spec.times_stored !== undefined && times !== spec.times_stored) {
    diffs.push(`stored ${times} times, expected ${spec.times_stored}`);
  }
  return diffs;
}

function contentDiffs(spec: MediaSpec, stored: StoredMediaView): string[] {
  const diffs = fileDiffs(stored);
  if (spec.sha256_hex && stored.sha256 !== spec.sha256_hex.toLowerCase()) {
    diffs.push(`sha256 ${stored.sha256}, expected ${spec.sha256_hex}`);
  }
  if (spec.bytes !== undefined && stored.size !== spec.bytes) {
    diffs.push(`${stored.size} bytes, expected ${spec.bytes}`);
  }
  if (spec.extension_in && !spec.extension_in.includes(stored.extension)) {
    diffs.push(
      `extension ${show(stored.extension)}, expected one of ${spec.extension_in.join('/')}`,
    );
  }
  if (!stored.storageKey.endsWith(`.${stored.extension}`)) {
    diffs.push(`key ${show(stored.storageKey)} does not end in its extension`);
  }
  const prefix = spec.content_type_prefix;
  if (
    prefix &&
    !stored.mimeType.toLowerCase().startsWith(prefix.toLowerCase())
  ) {
    diffs.push(`content type ${show(stored.mimeType)}, expected ${prefix}…`);
  }
  return diffs;
}

/** The record must describe bytes that really are in the store. */
function fileDiffs(stored: StoredMediaView): string[] {
  const file = stored.file;
  if (!file) return [`no file behind key ${show(stored.storageKey)}`];
  const diffs: string[] = [];
  if (file.sha256 !== stored.sha256) {
    diffs.push(
      `stored file hashes to ${file.sha256}, record says ${stored.sha256}`,
    );
  }
  if (file.size !== stored.size) {
    diffs.push(
      `stored file has ${file.size} bytes, record says ${stored.size}`,
    );
  }
  return diffs;
}

function neverStoredDiffs(
  spec: MediaSpec,
  stored: StoredMediaView[],
  context: CheckContext,
): string[] {
  const banned = [spec.never_stored_sha256_hex ?? []].flat();
  return banned.flatMap((digest) => {
    const lower = digest.toLowerCase();
    const inRecords = stored.some((m) => m.sha256 === lower);
    const onDisk = context.observation.mediaFiles.some(
      (f) => f.sha256 === lower,
    );
    return inRecords || onDisk
      ? [`bytes with sha256 ${digest} were stored`]
      : [];
  });
}

function keyDiffs(
  rules: z.infer<typeof keyRules>,
  stored: StoredMediaView,
): string[] {
  const key = stored.storageKey;
  const diffs = (rules.must_not_contain ?? [])
    .filter((part) => key.includes(part))
    .map((part) => `storage key ${show(key)} contains ${show(part)}`);
  if (rules.must_match && !new RegExp(rules.must_match).test(key)) {
    diffs.push(`storage key ${show(key)} does not match /${rules.must_match}/`);
  }
  if (stored.file && !stored.file.insideDir) {
    diffs.push(`storage key ${show(key)} leaves the media directory`);
  }
  return diffs;
}

function deadLetterHint(context: CheckContext): string {
  const letters = context.observation.deadLetters.filter(
    (d) => d.stage === 'media-fetcher',
  );
  if (letters.length === 0) return '';
  const reasons = [...new Set(letters.map((d) => d.reason))];
  return ` (media-fetcher dead letters: ${reasons.join(', ')})`;
}
