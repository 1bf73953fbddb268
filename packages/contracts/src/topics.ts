/**
 * Every topic the pipeline reads or writes. Names end in a version: a
 * breaking change to a record schema is a new topic, never an edit.
 */
export const TOPIC = {
  /** Ingress output: one record per webhook change, raw and signed-off. */
  webhooks: 'whatsapp.webhooks.v1',
  /** Fan-out outputs: one record per message, status, error or event. */
  messages: 'whatsapp.messages.v1',
  statuses: 'whatsapp.statuses.v1',
  events: 'whatsapp.events.v1',
  /** Processor outputs: deduplicated, normalised, what consumers read. */
  inboundMessages: 'whatsapp.inbound-messages.v1',
  messageStatuses: 'whatsapp.message-statuses.v1',
  accountEvents: 'whatsapp.account-events.v1',
  mediaRequests: 'whatsapp.media-requests.v1',
  /** Media fetcher output. */
  mediaStored: 'whatsapp.media-stored.v1',
  /** Anything a stage gave up on, with stage, reason and origin. */
  dlq: 'whatsapp.dlq.v1',
} as const;

export type TopicKey = keyof typeof TOPIC;
export type TopicNames = Record<TopicKey, string>;

/** Topic names with a deployment prefix (`staging.` → `staging.whatsapp…`). */
export function topicNames(prefix = ''): TopicNames {
  const names = {} as TopicNames;
  for (const key of Object.keys(TOPIC) as TopicKey[]) {
    names[key] = `${prefix}${TOPIC[key]}`;
  }
  return names;
}

/**
 * `max.message.bytes` of every pipeline topic. A stage writes what one
 * fetch of its input became in one produce per partition, and outputs
 * are larger than inputs (up to about 1.6×); a whole 4 MiB webhook body
 * travels as one record. The broker's 1 MiB default would refuse such
 * batches for ever and stall the stage behind them.
 */
export const TOPIC_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
