// A throwaway three-master Redis Cluster for tests of REDIS_MODE=cluster:
// redis-server processes on free loopback ports in a temporary folder,
// slots split three ways, stopped and removed by `stop()`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findRedisServer } from './local-redis.ts';

export interface RedisCluster {
  /** `host:port,host:port,...`, as REDIS_URL takes it in cluster mode. */
  seeds: string;
  stop(): Promise<void>;
}

const SLOTS = 16_384;

export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const bin = findRedisServer();
  if (!bin) throw new Error('redis-server not found (the stack installs it)');
  const dir = mkdtempSync(join(tmpdir(), 'wapipe-redis-cluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePortWithBus(ports);
      ports.push(port);
      children.push(spawnNode(bin, port, dir));
    }
    await formCluster(ports);
  } catch (error) {
    await stop();
    throw error;
  }
  return { seeds: ports.map((p) => `127.0.0.1:${p}`).join(','), stop };
}

function spawnNode(bin: string, port: number, dir: string): ChildProcess {
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1'],
    ...['--cluster-enabled', 'yes', '--cluster-config-file', `${port}.conf`],
    ...['--dir', dir, '--save', '', '--appendonly', 'no'],
  ];
  return spawn(bin, args, { stdio: 'ignore' });
}

/** Gives each node a third of the slots, introduces them, waits for ok. */
async function formCluster(ports: number[]): Promise<void> {
  const nodes = ports.map((port) => adminConnection(port));
  try {
    for (const node of nodes) await connectWithRetry(node);
    const share = Math.ceil(SLOTS / nodes.length);
    for (const [i, node] of nodes.entries()) {
      const last = Math.min(SLOTS, (i + 1) * share) - 1;
      await node.call('CLUSTER', 'ADDSLOTSRANGE', i * share, last);
    }
    for (const port of ports.slice(1))
      await nodes[0]?.call('CLUSTER', 'MEET', '127.0.0.1', port);
    await untilClusterOk(nodes);
  } finally {
    for (const node of nodes) node.disconnect();
  }
}

// No reconnecting of its own: after a refused connect (the node still
// starting) the client must be idle for connectWithRetry to try again,
// not "already connecting". Failures surface through connect() itself.
function adminConnection(port: number): Redis {
  const node = new Redis({
    port,
    lazyConnect: true,
    retryStrategy: () => null,
  });
  node.on('error', () => undefined);
  return node;
}

async function connectWithRetry(node: Redis): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await node.connect();
      return;
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function untilClusterOk(nodes: Redis[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const infos = await Promise.all(
      nodes.map((n) => n.call('CLUSTER', 'INFO') as Promise<string>),
    );
    if (infos.every((info) => info.includes('cluster_state:ok'))) return;
    if (Date.now() > deadline) throw new Error('cluster did not form');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A free port whose cluster bus port (+10000) is free too. */
async function freePortWithBus(taken: number[]): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    if (taken.includes(port)) continue;
    if ((await isFree(port)) && (await isFree(port + 10_000))) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
