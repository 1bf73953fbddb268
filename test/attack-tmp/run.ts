import { startPipeline } from '../pipeline/start-pipeline.ts';
import { startFakeGraphApi } from '@wapipe/testing';
import { mkdirSync, writeFileSync } from 'node:fs';

const prefix = process.env.ATK_PREFIX ?? `atk-${Math.random().toString(36).slice(2, 8)}.`;
const port = Number(process.env.ATK_PORT ?? 18931);
const mgmt = Number(process.env.ATK_MGMT ?? 18932);
const graph = await startFakeGraphApi({ accessToken: 'graph-token-XYZ' });
mkdirSync('/tmp/attack/media', { recursive: true });
const p = await startPipeline({
  kafkaBrokers: ['127.0.0.1:19092'],
  redisUrl: process.env.ATK_REDIS ?? 'redis://127.0.0.1:16379',
  topicPrefix: prefix,
  redisKeyPrefix: prefix + 'r',
  appSecrets: ['atk-secret-1'],
  verifyToken: process.env.ATK_VT ?? 'vt-tøken-✓',
  graphApi: { baseUrl: graph.baseUrl, accessToken: 'graph-token-XYZ' },
  mediaDir: '/tmp/attack/media',
  logLevel: process.env.ATK_LOG ?? 'debug',
  logDestination: process.env.ATK_LOGFILE ?? '/tmp/attack/pipeline.log',
  ingress: { host: '127.0.0.1', port },
  managementPorts: { ingress: mgmt, fanout: mgmt + 1, processor: mgmt + 2, 'media-fetcher': mgmt + 3 },
  env: JSON.parse(process.env.ATK_ENV ?? '{}'),
});
writeFileSync(process.env.ATK_INFO ?? '/tmp/attack/info.json', JSON.stringify({ prefix, url: p.webhookUrl, topics: p.topics }));
console.log('READY', prefix, p.webhookUrl);
process.on('SIGTERM', async () => { await p.stop().catch(e => console.error(e)); await graph.close(); process.exit(0); });
