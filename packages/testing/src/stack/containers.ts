// Docker path via testcontainers, used when a Docker engine answers. Fixed
// host ports keep the same addresses as the local-process path, and
// withReuse() both makes `up` idempotent (same config hash -> same container)
// and keeps Ryuk from reaping the containers when the `up` CLI exits; `down`
// removes them by the ids recorded in state.json. testcontainers is imported
// lazily so machines without Docker never load it.
import { execFile } from 'node:child_process';
import { KAFKA_VERSION } from './maven-kafka.ts';
import { ports } from './paths.ts';

/** `docker info` fails fast when the CLI exists but no engine runs. */
export function dockerAnswers(timeoutMs = 5_000): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      'docker',
      ['info', '--format', '{{.ServerVersion}}'],
      { timeout: timeoutMs },
      (err) => resolve(err === null),
    );
  });
}

// Host side is assumed to be the local engine (127.0.0.1): the advertised
// listener must be known before the container starts.
const kafkaEnv = {
  KAFKA_NODE_ID: '1',
  KAFKA_PROCESS_ROLES: 'broker,controller',
  KAFKA_LISTENERS: `PLAINTEXT://:${ports.kafka},CONTROLLER://:${ports.kafkaController}`,
  KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${ports.kafka}`,
  KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:
    'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
  KAFKA_CONTROLLER_QUORUM_VOTERS: `1@localhost:${ports.kafkaController}`,
  KAFKA_NUM_PARTITIONS: '3',
  KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'true',
  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
  KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
  KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
  KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
  KAFKA_HEAP_OPTS: '-Xms256m -Xmx768m',
};

export async function startKafkaContainer(): Promise<string> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const started = await new GenericContainer(`apache/kafka:${KAFKA_VERSION}`)
    .withName('wapipe-stack-kafka')
    .withEnvironment(kafkaEnv)
    .withExposedPorts({ container: ports.kafka, host: ports.kafka })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(120_000)
    .withReuse()
    .start();
  return started.getId();
}

export async function startRedisContainer(): Promise<string> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const started = await new GenericContainer('redis:7')
    .withName('wapipe-stack-redis')
    .withCommand(['redis-server', '--save', '', '--appendonly', 'no'])
    .withExposedPorts({ container: 6379, host: ports.redis })
    .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
    .withReuse()
    .start();
  return started.getId();
}

export type ContainerOp = 'stop' | 'start' | 'restart' | 'remove';

export async function containerOp(id: string, op: ContainerOp): Promise<void> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  const container = client.container.getById(id);
  if (op === 'start') return client.container.start(container);
  if (op === 'restart')
    return client.container.restart(container, { timeout: 30 });
  const { State } = await client.container.inspect(container);
  if (State.Running) await client.container.stop(container, { timeout: 30 });
  if (op === 'remove')
    await client.container.remove(container, { removeVolumes: true });
}
