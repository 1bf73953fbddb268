import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer, KafkaMessage } from 'kafkajs';
import {
  TOPIC,
  topicNames,
  type TopicKey,
} from '../../packages/contracts/src/index.ts';
import { readDemoState } from '../demo/demo-state.ts';
import { recordLine } from './record-line.ts';

const LOCAL_BROKERS = ['127.0.0.1:19092'];

/**
 * `tail <topic> [--prefix P] [--once]`: prints a topic from the
 * beginning, one line per record, and follows it until Ctrl-C (with
 * --once, stops when nothing new came for a second).
 */
export async function tailCommand(
  name: string,
  options: { prefix?: string | undefined; once: boolean },
): Promise<number> {
  const key = topicKeyOf(name);
  if (!key) {
    process.stderr.write(
      `unknown topic "${name}"; one of: ${Object.keys(TOPIC).join(', ')}` +
        ' (or their names, such as whatsapp.inbound-messages.v1)\n',
    );
    return 2;
  }
  const demo = readDemoState();
  const topic = topicNames(options.prefix ?? demo?.topicPrefix ?? '')[key];
  const brokers =
    process.env.KAFKA_BROKERS?.split(',') ??
    demo?.kafkaBrokers ??
    LOCAL_BROKERS;
  const lastSeen = { at: performance.now() };
  const consumer = await follow(brokers, topic, (partition, message) => {
    lastSeen.at = performance.now();
    const value = parse(message.value?.toString('utf8') ?? '');
    const at = { partition, offset: message.offset };
    process.stdout.write(`${recordLine(key, value, at)}\n`);
  });
  await (options.once ? untilQuiet(() => lastSeen.at) : untilSignal());
  await consumer.disconnect();
  return 0;
}

/** A throwaway group reading `topic` from the beginning. */
async function follow(
  brokers: string[],
  topic: string,
  onRecord: (partition: number, message: KafkaMessage) => void,
): Promise<Consumer> {
  const kafka = new Kafka({
    clientId: 'wapipe-tail',
    brokers,
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({
    groupId: `wapipe-tail-${randomUUID()}`,
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: ({ partition, message }) => {
      onRecord(partition, message);
      return Promise.resolve();
    },
  });
  return consumer;
}

/** A topic key (`inboundMessages`) or name (`whatsapp.inbound-messages.v1`). */
function topicKeyOf(name: string): TopicKey | undefined {
  if (Object.hasOwn(TOPIC, name)) return name as TopicKey;
  const keys = Object.keys(TOPIC) as TopicKey[];
  return keys.find((key) => TOPIC[key] === name);
}

// A fresh group needs a moment to join before "nothing new" means anything.
async function untilQuiet(lastSeen: () => number): Promise<void> {
  await sleep(3_000);
  while (performance.now() - lastSeen() < 1_000) await sleep(200);
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
