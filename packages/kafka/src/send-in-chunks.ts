import type { Message, ProducerBatch, TopicMessages } from 'kafkajs';

/** A kafkajs Producer, or a LingerProducer sharing produces with others. */
export interface BatchSender {
  sendBatch(batch: ProducerBatch): Promise<unknown>;
}

/**
 * Sends with acks=all in produce calls of at most `maxBytes` of keys and
 * values, in order. A single produce has to fit the broker's limits; one
 * input batch can become far more output than that (a body of thousands
 * of updates for one conversation lands on one partition). A failure part
 * way leaves earlier chunks written: callers are at-least-once anyway.
 */
export async function sendInChunks(
  producer: BatchSender,
  topicMessages: TopicMessages[],
  maxBytes: number,
): Promise<void> {
  for (const chunk of chunks(topicMessages, maxBytes)) {
    await producer.sendBatch({ acks: -1, topicMessages: chunk });
  }
}

function* chunks(
  topicMessages: TopicMessages[],
  maxBytes: number,
): Generator<TopicMessages[]> {
  let current = new Map<string, Message[]>();
  let size = 0;
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const bytes = sizeOf(message);
      if (size > 0 && size + bytes > maxBytes) {
        yield asTopicMessages(current);
        current = new Map();
        size = 0;
      }
      const list = current.get(topic);
      if (list) list.push(message);
      else current.set(topic, [message]);
      size += bytes;
    }
  }
  if (size > 0) yield asTopicMessages(current);
}

function sizeOf(message: Message): number {
  return byteLength(message.key) + byteLength(message.value) + 64;
}

function byteLength(value: Message['value'] | Message['key']): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function asTopicMessages(map: Map<string, Message[]>): TopicMessages[] {
  return [...map].map(([topic, messages]) => ({ topic, messages }));
}
