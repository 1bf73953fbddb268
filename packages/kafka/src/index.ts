export { createKafka, type KafkaConnection } from './client.ts';
export { ensureTopics, ensureConfiguredTopics } from './topics-admin.ts';
export {
  LingerProducer,
  STAGE_OUTPUT_BATCHING,
  type LingerProducerOptions,
} from './linger-producer.ts';
export {
  HEADER,
  buildHeaders,
  readHeader,
  type PipelineHeaders,
} from './headers.ts';
export { createProducer } from './producer.ts';
export { kafkaLogCreator } from './log-creator.ts';
export { ProduceTimeoutError, isRetriableKafkaError } from './errors.ts';
export {
  StageConsumer,
  fetchOptions,
  type StageConsumerOptions,
} from './stage-consumer.ts';
export {
  deadLetterMessage,
  type DeadLetterCause,
} from './dead-letter-message.ts';
export { sendInChunks, type BatchSender } from './send-in-chunks.ts';
export { brokerCheck } from './broker-check.ts';
