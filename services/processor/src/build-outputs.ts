import type { Message } from 'kafkajs';
import {
  PROCESSED_VERSION,
  type SplitRecord,
  type TopicNames,
} from '@wapipe/contracts';
import { HEADER } from '@wapipe/kafka';
import { mediaRequestOf } from './normalise/media-request.ts';
import {
  normaliseEvent,
  normaliseValueError,
} from './normalise/normalise-event.ts';
import { normaliseMessage } from './normalise/normalise-message.ts';
import { normaliseStatus } from './normalise/normalise-status.ts';

export interface Output {
  topic: string;
  message: Message;
}

/**
 * The processed records for one claimed input: the normalised record on
 * its topic and, for media messages, a media request. Pure: the status
 * state was already moved by the caller, which passes the result in.
 */
export function buildOutputs(
  record: SplitRecord,
  source: { key: Buffer | null; headers: Message['headers'] },
  deps: { topics: TopicNames; currentStatus: string | null },
): Output[] {
  const now = new Date().toISOString();
  const out = (topic: string, value: unknown): Output => ({
    topic,
    message: {
      key: source.key,
      value: JSON.stringify(value),
      headers: {
        ...source.headers,
        [HEADER.schemaVersion]: String(PROCESSED_VERSION),
      },
    },
  });
  switch (record.kind) {
    case 'message': {
      const message = normaliseMessage(record, now);
      const media = mediaRequestOf(message);
      const outputs = [out(deps.topics.inboundMessages, message)];
      return media
        ? [...outputs, out(deps.topics.mediaRequests, media)]
        : outputs;
    }
    case 'status': {
      const current = deps.currentStatus ?? String(record.status.status);
      return [
        out(deps.topics.messageStatuses, normaliseStatus(record, current, now)),
      ];
    }
    case 'error':
      return [out(deps.topics.accountEvents, normaliseValueError(record, now))];
    case 'event':
      return [out(deps.topics.accountEvents, normaliseEvent(record, now))];
  }
}
