import { Kafka, logLevel } from 'kafkajs';
import {
  MEDIA_RECORD_VERSION,
  mediaRequestRecord,
  type MediaRequestRecord,
} from '@wapipe/contracts';

export const WABA_ID = '100000000000001';
export const PHONE_NUMBER_ID = '200000000000001';

/**
 * A media request as the processor would write it for one inbound media
 * message; `sha256` and `url` stay null, as in a webhook without them.
 */
export function mediaRequest(
  fields: Pick<MediaRequestRecord, 'mediaId' | 'mimeType'> &
    Partial<MediaRequestRecord>,
): MediaRequestRecord {
  return mediaRequestRecord.parse({
    version: MEDIA_RECORD_VERSION,
    webhookId: `webhook-${fields.mediaId}`,
    receivedAt: new Date().toISOString(),
    wabaId: WABA_ID,
    phoneNumberId: PHONE_NUMBER_ID,
    wamid: `wamid.${fields.mediaId}`,
    messageType: fields.mimeType?.split('/')[0] ?? 'document',
    sha256: null,
    url: null,
    filename: null,
    ...fields,
  });
}

/** Produces requests keyed by phone number id, acknowledged by all ISRs. */
export async function produceMediaRequests(
  brokers: string[],
  topic: string,
  requests: MediaRequestRecord[],
): Promise<void> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  try {
    const messages = requests.map((request) => ({
      key: request.phoneNumberId ?? request.wabaId,
      value: JSON.stringify(request),
    }));
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}
