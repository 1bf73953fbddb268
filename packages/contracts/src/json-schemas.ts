import { z } from 'zod';
import { accountTopicRecord } from './records/account-event.ts';
import { deadLetterRecord } from './records/dead-letter.ts';
import { inboundMessageRecord } from './records/inbound-message.ts';
import { mediaRequestRecord, mediaStoredRecord } from './records/media.ts';
import { messageStatusRecord } from './records/message-status.ts';
import { splitRecord } from './records/split-record.ts';
import { webhookChangeRecord } from './records/webhook-change.ts';
import { TOPIC } from './topics.ts';

/** The record schema of each topic, for consumers in other languages. */
export const TOPIC_SCHEMAS = {
  [TOPIC.webhooks]: webhookChangeRecord,
  [TOPIC.messages]: splitRecord,
  [TOPIC.statuses]: splitRecord,
  [TOPIC.events]: splitRecord,
  [TOPIC.inboundMessages]: inboundMessageRecord,
  [TOPIC.messageStatuses]: messageStatusRecord,
  [TOPIC.accountEvents]: accountTopicRecord,
  [TOPIC.mediaRequests]: mediaRequestRecord,
  [TOPIC.mediaStored]: mediaStoredRecord,
  [TOPIC.dlq]: deadLetterRecord,
} as const;

/**
 * JSON Schema (draft 2020-12) text per topic, as committed under
 * `schemas/`. Deterministic, so a test can tell the files from the code.
 */
export function renderJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [topic, schema] of Object.entries(TOPIC_SCHEMAS)) {
    const json = z.toJSONSchema(schema, {
      io: 'output',
      unrepresentable: 'any',
    });
    const document = {
      $id: `https://wapipe.dev/schemas/${topic}.json`,
      title: topic,
      ...json,
    };
    files.set(`${topic}.schema.json`, `${JSON.stringify(document, null, 2)}\n`);
  }
  return files;
}
