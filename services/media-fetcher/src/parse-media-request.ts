import { mediaRequestRecord, type MediaRequestRecord } from '@wapipe/contracts';
import { InvalidMediaRequestError } from './errors.ts';
import { isKeySegment } from './storage-key.ts';

/**
 * A consumed value as a media request. Ids end up in a URL path, a
 * Redis key and a storage key, so they must be plain id characters.
 */
export function parseMediaRequest(value: Buffer | null): MediaRequestRecord {
  const json = parseJson(value);
  const parsed = mediaRequestRecord.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.'));
    throw new InvalidMediaRequestError(
      `media request fails its schema at: ${fields.join(', ')}`,
    );
  }
  const request = parsed.data;
  const owner = request.phoneNumberId ?? request.wabaId;
  if (!isKeySegment(owner) || !isKeySegment(request.mediaId)) {
    throw new InvalidMediaRequestError('media request ids are not plain ids');
  }
  return request;
}

function parseJson(value: Buffer | null): unknown {
  try {
    return JSON.parse(value?.toString('utf8') ?? '');
  } catch (error) {
    throw new InvalidMediaRequestError('media request is not JSON', {
      cause: error,
    });
  }
}
