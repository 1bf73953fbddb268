import { extension as extensionFromDb } from 'mime-types';

// mime-db lists `oga` first for audio/ogg and `mpga` for audio/mpeg; the
// names people and players expect for WhatsApp's own types win here.
const PREFERRED: Record<string, string> = {
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'audio/mp4': 'm4a',
  'audio/amr': 'amr',
  'image/jpeg': 'jpg',
  'video/3gpp': '3gp',
};

export const FALLBACK_EXTENSION = 'bin';

/**
 * The file extension for a MIME type, parameters stripped
 * (`audio/ogg; codecs=opus` → `ogg`). Never derived from a sender's
 * filename, which is user input (shared/cases B20).
 */
export function extensionFor(mimeType: string | null | undefined): string {
  const essence = mimeEssence(mimeType);
  if (essence === '') return FALLBACK_EXTENSION;
  const found = PREFERRED[essence] ?? extensionFromDb(essence);
  if (!found || !/^[a-z0-9]{1,10}$/.test(found)) return FALLBACK_EXTENSION;
  return found;
}

/** `Type/Subtype; param=x` → `type/subtype`. */
export function mimeEssence(mimeType: string | null | undefined): string {
  return (mimeType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
