import type {
  InboundMessageRecord,
  MediaRequestRecord,
} from '@wapipe/contracts';

/** The download order for a message's media, if it has a media id. */
export function mediaRequestOf(
  message: InboundMessageRecord,
): MediaRequestRecord | null {
  const media = message.media;
  if (!media?.id) return null;
  return {
    version: 1,
    webhookId: message.webhookId,
    receivedAt: message.receivedAt,
    wabaId: message.wabaId,
    phoneNumberId: message.phoneNumberId,
    wamid: message.wamid,
    messageType: message.type,
    mediaId: media.id,
    mimeType: media.mimeType,
    sha256: media.sha256,
    url: media.url,
    filename: media.filename,
  };
}
