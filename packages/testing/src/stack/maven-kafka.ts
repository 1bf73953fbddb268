// Resolves an Apache Kafka broker from the official jars on Maven Central
// instead of a tarball download (only package registries are reachable).
// The closure of org.apache.kafka:kafka_2.13 is the server; the release
// tarball additionally ships a log4j2 SLF4J binding (Kafka 4.x logs through
// slf4j-api 1.7 -> log4j-slf4j-impl -> log4j-core), which is not a Maven
// dependency of kafka_2.13, so it is added at the same log4j version.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logFile, stackDir } from './paths.ts';
import { runLogged } from './proc.ts';

/** Newest 4.x that kafkajs 2.2.4 was verified against (see README.md). */
export const KAFKA_VERSION = process.env.WAPIPE_KAFKA_VERSION ?? '4.4.0';
const DEPENDENCY_PLUGIN =
  'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export const kafkaHome = (version = KAFKA_VERSION): string =>
  join(stackDir, `kafka-${version}`);

const pom = (version: string): string => `<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>wapipe.stack</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;

function log4jVersion(libs: string): string {
  const core = readdirSync(libs).find((f) => /^log4j-core-.*\.jar$/.test(f));
  const version = core?.match(/^log4j-core-(.+)\.jar$/)?.[1];
  if (version === undefined) throw new Error(`no log4j-core jar in ${libs}`);
  return version;
}

/**
 * Returns the directory holding every jar the broker needs. The first call
 * downloads through Maven (~/.m2 cache); later calls are offline: a marker
 * file is written only after both steps succeeded.
 */
export async function ensureKafkaLibs(
  version = KAFKA_VERSION,
): Promise<string> {
  const home = kafkaHome(version);
  const libs = join(home, 'libs');
  const marker = join(libs, '.complete');
  if (existsSync(marker)) return libs;
  await rm(libs, { recursive: true, force: true });
  await mkdir(libs, { recursive: true });
  await writeFile(join(home, 'pom.xml'), pom(version));
  const log = logFile('maven');
  const mvn = (args: string[]) =>
    runLogged('mvn', ['-B', '-q', ...args, `-DoutputDirectory=${libs}`], log, {
      cwd: home,
    });
  process.stderr.write(
    `[stack] resolving Kafka ${version} jars with Maven (log: ${log})\n`,
  );
  await mvn([
    `${DEPENDENCY_PLUGIN}:copy-dependencies`,
    '-DincludeScope=runtime',
  ]);
  const binding = `org.apache.logging.log4j:log4j-slf4j-impl:${log4jVersion(libs)}`;
  await mvn([`${DEPENDENCY_PLUGIN}:copy`, `-Dartifact=${binding}`]);
  await writeFile(marker, `${new Date().toISOString()}\n`);
  return libs;
}
