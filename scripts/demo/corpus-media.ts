import type { CorpusBody } from '../../packages/testing/src/index.ts';
import { mapStringTokens } from '../../test/cases/json-string-tokens.ts';
import { changeValues } from './webhook-walk.ts';

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/** A media object of a corpus message, as Meta announced it. */
export interface AnnouncedMedia {
  id: string;
  mimeType: string;
  /** Base64 SHA-256 from the webhook. */
  sha256: string | undefined;
}

/** Every media object in the corpus, once per media id. */
export function corpusMedia(bodies: readonly CorpusBody[]): AnnouncedMedia[] {
  const byId = new Map<string, AnnouncedMedia>();
  for (const body of bodies) {
    for (const media of mediaOf(body.raw)) byId.set(media.id, media);
  }
  return [...byId.values()];
}

/**
 * Stand-in bytes for a media id. Meta's real files are not in the
 * corpus, so the demo serves these from its fake Graph API.
 */
export function demoBytes(media: AnnouncedMedia): Buffer {
  const line = `wapipe demo media ${media.id} (${media.mimeType})\n`;
  return Buffer.from(line.repeat(64));
}

/**
 * The body with each media object's `sha256` replaced by the digest of
 * the bytes the fake serves. The corpus digests describe files we do not
 * have, and the fetcher rightly rejects bytes that disagree with the
 * webhook's digest; so the simulated Meta announces the digest of what
 * it will serve (and the caller signs the rewritten body).
 */
export function withServedDigests(
  raw: Buffer,
  servedBase64: ReadonlyMap<string, string>,
): Buffer {
  const replacements = new Map<string, string>();
  for (const media of mediaOf(raw)) {
    const served = servedBase64.get(media.id);
    if (media.sha256 && served) replacements.set(media.sha256, served);
  }
  if (replacements.size === 0) return raw;
  return mapStringTokens(raw, (value) => {
    const served = replacements.get(value);
    // Meta writes `/` as `\/` (corpus INDEX.md); so does the simulator.
    return served && JSON.stringify(served).replaceAll('/', '\\/');
  });
}

function mediaOf(raw: Buffer): AnnouncedMedia[] {
  const found: AnnouncedMedia[] = [];
  for (const value of changeValues(raw)) {
    for (const message of value.messages ?? []) {
      const type = String(message.type);
      const media = message[type] as Record<string, unknown> | undefined;
      if (!MEDIA_TYPES.has(type) || typeof media?.id !== 'string') continue;
      found.push({
        id: media.id,
        mimeType:
          typeof media.mime_type === 'string'
            ? media.mime_type
            : 'application/octet-stream',
        sha256: typeof media.sha256 === 'string' ? media.sha256 : undefined,
      });
    }
  }
  return found;
}
