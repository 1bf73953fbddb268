// npm run demo [-- --once] [--keep]
//
// The whole pipeline on this machine: the local stack, a fake Graph API,
// the four services (ingress on 127.0.0.1:8080, metrics on 9464-9467) and
// a simulated Meta that sends the reference corpus, duplicates of it, a
// concurrent redelivery and a reordered status burst. Prints what came
// out, then keeps running for your own requests until Ctrl-C (--once:
// exit after the summary; --keep: leave topics, keys and files behind).
import { parseArgs } from 'node:util';
import { ensureStack, loadCorpus } from '../packages/testing/src/index.ts';
import { waitForOutcome } from '../test/cases/wait-for-outcome.ts';
import { corpusDeliveries } from './demo/corpus-deliveries.ts';
import { summaryLines } from './demo/demo-summary.ts';
import {
  DEMO_PORTS,
  DEMO_VERIFY_TOKEN,
  startDemoPipeline,
  type DemoPipeline,
} from './demo/demo-pipeline.ts';
import { clearDemoState, writeDemoState } from './demo/demo-state.ts';
import { signed, simulateMeta } from './demo/meta-simulator.ts';
import { statusBurst } from './demo/status-burst.ts';

const { values: flags } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const say = (line = '') => process.stdout.write(`${line}\n`);

const stack = await ensureStack();
const { appSecret, bodies } = loadCorpus();
const demo = await startDemoPipeline(stack, appSecret);
writeDemoState({
  webhookUrl: demo.pipeline.webhookUrl,
  topicPrefix: demo.topicPrefix,
  appSecret,
  kafkaBrokers: stack.kafkaBrokers,
});
say(`pipeline up on ${demo.pipeline.webhookUrl} (topics ${demo.topicPrefix}*)`);

const corpus = corpusDeliveries(demo.graph, bodies, appSecret);
const burst = statusBurst(5, 1781000000).map((sequence) =>
  sequence.map((body) => signed(body, appSecret)),
);
const started = performance.now();
const report = await simulateMeta(demo.pipeline.webhookUrl, corpus, burst);
const sendMs = performance.now() - started;
await untilQuiet(demo);
say();
for (const line of summaryLines({ report, sendMs, ...collectedOf(demo) })) {
  say(line);
}

if (flags.once) {
  await shutdown();
} else {
  say();
  for (const line of instructions(demo, appSecret)) say(line);
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

/** Until every stage has caught up and a second passed with nothing new. */
async function untilQuiet(running: DemoPipeline): Promise<void> {
  await waitForOutcome({
    settleMs: 120_000,
    quietMs: 1_000,
    snapshot: () => running.collector.records.length,
    settled: () => true,
    idle: () => running.idle.isIdle().catch(() => false),
  });
}

function collectedOf(running: DemoPipeline) {
  return { collected: running.collector.records, mediaDir: running.mediaDir };
}

function instructions(running: DemoPipeline, secret: string): string[] {
  const url = running.pipeline.webhookUrl;
  const ports = Object.entries(DEMO_PORTS.management)
    .map(([service, port]) => `${port} ${service}`)
    .join(', ');
  return [
    'Still running for your own requests (Ctrl-C stops it):',
    `  webhook    POST ${url}   app secret ${secret}`,
    `  handshake  GET  ${url}?hub.mode=subscribe&hub.verify_token=${DEMO_VERIFY_TOKEN}&hub.challenge=42`,
    `  metrics    http://127.0.0.1:<port>/metrics: ${ports}`,
    '  send       npm run wapipe -- send ../shared/meta/corpus/msg_text.raw',
    '  tail       npm run wapipe -- tail inboundMessages',
    `  media      ${running.mediaDir}`,
    `  logs       ${running.logFile}`,
  ];
}

async function shutdown(): Promise<void> {
  clearDemoState();
  try {
    await demo.stop(flags.keep);
    say(
      flags.keep
        ? `stopped; kept ${demo.topicPrefix}* and its files`
        : 'stopped',
    );
    process.exit(0);
  } catch (error) {
    process.stderr.write(`demo: shutdown failed: ${String(error)}\n`);
    process.exit(1);
  }
}
