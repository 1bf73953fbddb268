// SeaweedFS (Apache-2.0) as the S3-compatible store for media tests, built
// from the Go module proxy because no binary download is possible here.
// `go install module/weed@version` is refused (SeaweedFS's go.mod has a
// replace directive), so the module source is fetched with `go mod download`
// and built as the main module from the module cache.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { binDir, logFile, pidFile, ports, stackDir } from './paths.ts';
import {
  runLogged,
  runningPid,
  spawnDetached,
  stopFromPidFile,
} from './proc.ts';
import type { S3Credentials } from './s3-probe.ts';

// SeaweedFS tags are not semver, so the proxy only serves pseudo-versions.
export const SEAWEED_VERSION =
  process.env.WAPIPE_SEAWEED_VERSION ?? 'v0.0.0-20261109003541-7506e5f91cd6';
const MODULE = 'github.com/seaweedfs/seaweedfs';
const weedBin = join(binDir, 'weed');
/** argv[0] of our server, so a foreign `weed` process is never taken as ours. */
export const S3_MARKER = weedBin;
const stamp = join(binDir, 'weed.version');

/** Static, local-only credentials; AWS SDK v3 needs forcePathStyle: true. */
export const localS3: S3Credentials = {
  endpoint: `http://127.0.0.1:${ports.s3}`,
  accessKeyId: 'wapipe-local',
  secretAccessKey: 'wapipe-local-secret',
  region: 'us-east-1',
};

async function moduleDir(log: string): Promise<string> {
  const out = join(stackDir, 'seaweedfs-module.json');
  // `go mod download -json` prints where the module source was unpacked.
  await runLogged(
    'sh',
    ['-c', `go mod download -json ${MODULE}@${SEAWEED_VERSION} > '${out}'`],
    log,
  );
  return (JSON.parse(readFileSync(out, 'utf8')) as { Dir: string }).Dir;
}

export async function ensureWeedBinary(): Promise<string> {
  const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  if (existsSync(weedBin) && built === SEAWEED_VERSION) return weedBin;
  const log = logFile('go-build');
  process.stderr.write(
    `[stack] building SeaweedFS ${SEAWEED_VERSION} with go (minutes; log: ${log})\n`,
  );
  await mkdir(binDir, { recursive: true });
  const dir = await moduleDir(log);
  const env = { ...process.env, GOBIN: binDir };
  await runLogged(
    'go',
    ['install', '-trimpath', '-ldflags=-s -w', './weed'],
    log,
    { cwd: dir, env },
  );
  await writeFile(stamp, `${SEAWEED_VERSION}\n`);
  return weedBin;
}

const identities = (c: S3Credentials): string =>
  JSON.stringify({
    identities: [
      {
        name: 'wapipe',
        credentials: [
          { accessKey: c.accessKeyId, secretKey: c.secretAccessKey },
        ],
        actions: ['Admin', 'Read', 'List', 'Tagging', 'Write'],
      },
    ],
  });

function weedArgs(dataDir: string, config: string): string[] {
  return [
    'server',
    '-ip=127.0.0.1',
    '-ip.bind=127.0.0.1',
    `-dir=${dataDir}`,
    `-master.port=${ports.seaweedMaster}`,
    '-master.volumeSizeLimitMB=64', // small volumes: tests store little
    '-master.telemetry=false',
    `-volume.port=${ports.seaweedVolume}`,
    // Each bucket claims several volumes; the default cap of 8 leaves the
    // second bucket without space, so size it from free disk instead.
    '-volume.max=0',
    '-filer',
    `-filer.port=${ports.seaweedFiler}`,
    '-s3',
    `-s3.port=${ports.s3}`,
    `-s3.config=${config}`,
    '-s3.port.iceberg=0', // extra catalog servers we do not use
    '-s3.port.lance=0',
  ];
}

export const localS3Pid = (): number | undefined =>
  runningPid(pidFile('s3'), S3_MARKER);

export async function startLocalS3(): Promise<number> {
  const running = localS3Pid();
  if (running !== undefined) return running;
  const bin = await ensureWeedBinary();
  const home = join(stackDir, 'seaweedfs');
  const config = join(home, 's3.json');
  await mkdir(join(home, 'data'), { recursive: true });
  await writeFile(config, identities(localS3));
  process.stderr.write(
    `[stack] starting SeaweedFS S3 on ${localS3.endpoint}\n`,
  );
  return spawnDetached({
    command: bin,
    args: weedArgs(join(home, 'data'), config),
    logFile: logFile('s3'),
    pidFile: pidFile('s3'),
    cwd: home,
  });
}

export const stopLocalS3 = (): Promise<boolean> =>
  stopFromPidFile(pidFile('s3'), S3_MARKER, 20_000);
