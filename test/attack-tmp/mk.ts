import { topicNames } from '@wapipe/contracts';
import { ensureTopics } from '@wapipe/kafka';
import { Kafka, logLevel } from 'kafkajs';
await ensureTopics(new Kafka({ brokers: ['127.0.0.1:19092'], logLevel: logLevel.NOTHING }), Object.values(topicNames(process.argv[2]!)), { partitions: 3, replicationFactor: 1 });
console.log('topics ok');
