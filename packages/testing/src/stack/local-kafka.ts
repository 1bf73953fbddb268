// A single-node KRaft broker+controller run with the machine's `java`, for
// machines without Docker. Data lives in .stack/kafka-<version>/data and
// survives stop/start, which the failure tests rely on ("broker stopped
// mid-test" must come back with its topics and committed offsets).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureKafkaLibs, KAFKA_VERSION, kafkaHome } from './maven-kafka.ts';
import { logFile, pidFile, ports } from './paths.ts';
import {
  runLogged,
  runningPid,
  spawnDetached,
  stopFromPidFile,
} from './proc.ts';

export const KAFKA_MARKER = 'kafka.Kafka';
export const localKafkaBrokers = [`127.0.0.1:${ports.kafka}`];
const java = process.env.JAVA_HOME
  ? join(process.env.JAVA_HOME, 'bin', 'java')
  : 'java';

const serverProperties = (dataDir: string): string =>
  [
    'process.roles=broker,controller',
    'node.id=1',
    // Static quorum (KIP-595 style): no --standalone/bootstrap dance needed.
    `controller.quorum.voters=1@127.0.0.1:${ports.kafkaController}`,
    `listeners=PLAINTEXT://127.0.0.1:${ports.kafka},CONTROLLER://127.0.0.1:${ports.kafkaController}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.kafka}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=3',
    // Kept on for convenience; the project still creates its topics itself.
    'auto.create.topics.enable=true',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Tests join groups constantly; the 3 s default only adds latency.
    'group.initial.rebalance.delay.ms=0',
    // Sized for the 2-core machines this runs on: the defaults (3 network,
    // 8 request threads) hand each request across more threads than there
    // are cores, and every hand-off is a wake-up.
    'num.network.threads=1',
    'num.io.threads=2',
    '',
  ].join('\n');

// Broker logs go to stdout, which spawnDetached sends to .stack/logs/kafka.log.
const log4j2Properties = `status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
`;

/** Kafka's Uuid text form: 16 random bytes, base64url, no padding. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function jvmArgs(home: string): string[] {
  return [
    '-Xms256m',
    '-Xmx768m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(home, 'config', 'log4j2.properties')}`,
    `-Dkafka.logs.dir=${join(home, 'logs')}`,
    '-cp',
    join(home, 'libs', '*'),
  ];
}

async function prepare(version: string): Promise<string> {
  const home = kafkaHome(version);
  await ensureKafkaLibs(version);
  const dataDir = join(home, 'data');
  await mkdir(join(home, 'config'), { recursive: true });
  await writeFile(
    join(home, 'config', 'server.properties'),
    serverProperties(dataDir),
  );
  await writeFile(join(home, 'config', 'log4j2.properties'), log4j2Properties);
  // KRaft refuses to start on unformatted storage; format exactly once so a
  // restart keeps the data.
  if (!existsSync(join(dataDir, 'meta.properties'))) {
    const config = join(home, 'config', 'server.properties');
    await runLogged(
      java,
      [
        ...jvmArgs(home),
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId(),
        '-c',
        config,
      ],
      logFile('kafka'),
    );
  }
  return home;
}

export const localKafkaPid = (): number | undefined =>
  runningPid(pidFile('kafka'), KAFKA_MARKER);

/** Starts the broker unless ours is already running; returns its pid. */
export async function startLocalKafka(
  version = KAFKA_VERSION,
): Promise<number> {
  const running = localKafkaPid();
  if (running !== undefined) return running;
  const home = await prepare(version);
  process.stderr.write(
    `[stack] starting Kafka ${version} on ${localKafkaBrokers[0]}\n`,
  );
  return spawnDetached({
    command: java,
    args: [
      ...jvmArgs(home),
      KAFKA_MARKER,
      join(home, 'config', 'server.properties'),
    ],
    logFile: logFile('kafka'),
    pidFile: pidFile('kafka'),
  });
}

/** Controlled shutdown (SIGTERM); KRaft can take a few seconds. */
export const stopLocalKafka = (): Promise<boolean> =>
  stopFromPidFile(pidFile('kafka'), KAFKA_MARKER, 60_000);
