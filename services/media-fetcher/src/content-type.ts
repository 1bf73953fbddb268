import { mimeEssence } from './media-extension.ts';

// Types a CDN sends when it does not know better; the digest decides.
const GENERIC = new Set([
  '',
  'application/octet-stream',
  'binary/octet-stream',
]);

/**
 * Why a download's Content-Type shows it is not the announced media, if
 * it does. An HTML page where media was announced is the classic: the
 * lookaside host answers some clients with one (REFERENCE §14.5).
 */
export function contentTypeProblem(
  received: string | null,
  announced: string | undefined,
): string | undefined {
  const got = mimeEssence(received);
  const want = mimeEssence(announced);
  if (GENERIC.has(got) || got === want) return undefined;
  if (got === 'text/html') return 'html page where media was announced';
  if (want === '' || topLevel(got) === topLevel(want)) return undefined;
  return 'content type differs from the announced one';
}

function topLevel(essence: string): string {
  return essence.split('/')[0] ?? '';
}
