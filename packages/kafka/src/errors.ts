import kafkajs from 'kafkajs';

// kafkajs is CommonJS and Node's ESM loader cannot see its error classes as
// named exports; the default export is the whole module object.
const { KafkaJSError } = kafkajs;

/** The broker did not acknowledge within the caller's deadline. */
export class ProduceTimeoutError extends Error {
  readonly code = 'WAP_KAFKA_PRODUCE_TIMEOUT';
  readonly retriable = true;

  constructor(deadlineMs: number) {
    super(`kafka did not acknowledge within ${deadlineMs} ms`);
    this.name = 'ProduceTimeoutError';
  }
}

/**
 * True for errors a later attempt may cure (broker down, leader moving,
 * timeouts). kafkajs marks its own; anything else from the network layer
 * is treated as retriable too, because giving up would drop data.
 */
export function isRetriableKafkaError(error: unknown): boolean {
  if (error instanceof ProduceTimeoutError) return true;
  if (error instanceof KafkaJSError)
    return error.retriable || isConnection(error);
  return false;
}

function isConnection(error: Error): boolean {
  return (
    error.name === 'KafkaJSConnectionError' ||
    error.name === 'KafkaJSNumberOfRetriesExceeded' ||
    error.name === 'KafkaJSRequestTimeoutError'
  );
}
