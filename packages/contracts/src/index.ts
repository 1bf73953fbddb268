export {
  TOPIC,
  TOPIC_MAX_MESSAGE_BYTES,
  topicNames,
  type TopicKey,
  type TopicNames,
} from './topics.ts';
export * from './meta/webhook-envelope.ts';
export {
  readChange,
  readEntry,
  readEnvelopeEntries,
} from './meta/read-envelope.ts';
export * from './meta/messages-value.ts';
export { parseMetaJson } from './meta/parse-meta-json.ts';
export * from './records/webhook-change.ts';
export * from './records/split-record.ts';
export * from './records/dead-letter.ts';
export * from './records/processed-common.ts';
export * from './records/inbound-message.ts';
export * from './records/message-status.ts';
export * from './records/account-event.ts';
export * from './records/media.ts';
export { TOPIC_SCHEMAS, renderJsonSchemas } from './json-schemas.ts';
