import type { CorpusBody } from '@wapipe/testing';

/** One media object of an inbound message in a corpus body. */
export interface CorpusMedia {
  /** The corpus body it came from. */
  body: string;
  /** `image`, `video`, `audio`, `document`, `sticker`, … */
  type: string;
  mediaId: string;
  mimeType: string;
  /** Base64, as the webhook announced it. */
  sha256: string;
  phoneNumberId: string;
  /** Whether the webhook carried its own download `url` (since 2025-11). */
  hasUrl: boolean;
}

interface MessagesValue {
  metadata?: { phone_number_id?: string };
  messages?: Record<string, unknown>[];
}

interface Envelope {
  entry?: { changes?: { field?: string; value?: MessagesValue }[] }[];
}

/** Every message in the body whose payload object names a media id. */
export function mediaInBody(body: CorpusBody): CorpusMedia[] {
  const envelope = JSON.parse(body.raw.toString('utf8')) as Envelope;
  const changes = (envelope.entry ?? []).flatMap((e) => e.changes ?? []);
  return changes.flatMap((change) => {
    const value = change.value ?? {};
    const phoneNumberId = value.metadata?.phone_number_id ?? '';
    return (value.messages ?? []).flatMap((message) => {
      const media = mediaOf(message);
      return media ? [{ body: body.name, phoneNumberId, ...media }] : [];
    });
  });
}

function mediaOf(
  message: Record<string, unknown>,
): Omit<CorpusMedia, 'body' | 'phoneNumberId'> | undefined {
  const type = String(message.type);
  const payload = message[type] as Record<string, unknown> | undefined;
  if (typeof payload?.id !== 'string') return undefined;
  return {
    type,
    mediaId: payload.id,
    mimeType: String(payload.mime_type),
    sha256: String(payload.sha256),
    hasUrl: typeof payload.url === 'string',
  };
}

/**
 * The raw body with each announced digest replaced, byte for byte
 * otherwise: Meta escapes `/` as `\/`, so the base64 value is matched and
 * written in that escaped form, and nothing else of the body changes.
 */
export function withDigests(
  raw: Buffer,
  digests: ReadonlyMap<string, string>,
): Buffer {
  let text = raw.toString('utf8');
  for (const [announced, replacement] of digests) {
    const field = (digest: string) =>
      `"sha256":"${digest.replaceAll('/', '\\/')}"`;
    const parts = text.split(field(announced));
    if (parts.length !== 2) {
      throw new Error(`digest ${announced} is not in the body exactly once`);
    }
    text = parts.join(field(replacement));
  }
  return Buffer.from(text, 'utf8');
}
