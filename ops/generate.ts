// Generates the reviewable artefacts around the chart from code:
//
//   npm run ops:generate       write them
//   npm run ops:check          regenerate into a temp dir, diff, exit 1 on drift
//   node ops/generate.ts topics --prefix staging.   KafkaTopics on stdout
//
// Outputs: the PrometheusRule template, the Grafana dashboards, the topic
// helpers of the chart, the Strimzi KafkaTopics, and ENVIRONMENT.md.
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { RULE_GROUPS } from './src/alerts.ts';
import { DASHBOARDS } from './src/dashboards.ts';
import { environmentMarkdown } from './src/environment.ts';
import { prettify } from './src/format.ts';
import {
  prometheusRuleTemplate,
  thresholdNames,
} from './src/prometheus-rule.ts';
import { kafkaTopicsYaml, topicHelpersTpl } from './src/topics.ts';

const ROOT = join(import.meta.dirname, '..');
const CHART = 'helm/wapipe';
const DASHBOARD_DIR = `${CHART}/dashboards`;

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    check: { type: 'boolean', default: false },
    prefix: { type: 'string', default: '' },
  },
});

if (positionals[0] === 'topics') {
  process.stdout.write(kafkaTopicsYaml(flags.prefix));
} else if (flags.check) {
  process.exitCode = await check();
} else {
  const files = await render();
  write(ROOT, files);
  for (const path of Object.keys(files))
    process.stdout.write(`wrote ${path}\n`);
}

async function render(): Promise<Record<string, string>> {
  assertThresholdsInValues();
  const files: Record<string, string> = {
    [`${CHART}/templates/prometheusrule.yaml`]:
      prometheusRuleTemplate(RULE_GROUPS),
    [`${CHART}/templates/_topics.tpl`]: topicHelpersTpl(),
    [`${CHART}/ENVIRONMENT.md`]: environmentMarkdown(),
    'k8s/kafka/topics.yaml': kafkaTopicsYaml(),
  };
  for (const [name, model] of Object.entries(DASHBOARDS)) {
    files[`${DASHBOARD_DIR}/${name}.json`] = JSON.stringify(model, null, 2);
  }
  for (const [path, text] of Object.entries(files)) {
    files[path] = await prettify(join(ROOT, path), text);
  }
  return files;
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

// Regenerates into a temp dir and diffs each file against the committed
// one; a dashboard file nobody generates any more is drift too.
async function check(): Promise<number> {
  const files = await render();
  const temp = mkdtempSync(join(tmpdir(), 'wapipe-ops-'));
  try {
    write(temp, files);
    const stale = readdirSync(join(ROOT, DASHBOARD_DIR))
      .map((name) => `${DASHBOARD_DIR}/${name}`)
      .filter((path) => !(path in files));
    const drifted = Object.keys(files).filter((path) => differs(temp, path));
    for (const path of stale) process.stdout.write(`not generated: ${path}\n`);
    if (drifted.length + stale.length === 0) {
      process.stdout.write(
        `ops:check: ${Object.keys(files).length} generated files up to date\n`,
      );
      return 0;
    }
    process.stdout.write(
      'ops:check: drift; run `npm run ops:generate` and commit\n',
    );
    return 1;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function differs(temp: string, path: string): boolean {
  const diff = spawnSync(
    'diff',
    [
      '-u',
      '--label',
      `committed/${path}`,
      '--label',
      `generated/${path}`,
      join(ROOT, path),
      join(temp, path),
    ],
    { encoding: 'utf8' },
  );
  if (diff.status === 0) return false;
  process.stdout.write(
    diff.stdout || `${relative(ROOT, join(ROOT, path))}: missing\n`,
  );
  return true;
}

// Every threshold the rules use must have a default in values.yaml, or the
// rendered rule would read `<no value>`.
function assertThresholdsInValues(): void {
  const values = readFileSync(join(ROOT, CHART, 'values.yaml'), 'utf8');
  const block =
    /\n {2}thresholds:\n((?: {4}.*\n|\s*\n)+)/.exec(values)?.[1] ?? '';
  const defined = new Set(
    [...block.matchAll(/^ {4}(\w+):/gm)].map((m) => m[1]),
  );
  const missing = thresholdNames(RULE_GROUPS).filter(
    (name) => !defined.has(name),
  );
  if (missing.length > 0) {
    throw new Error(
      `values.yaml prometheusRule.thresholds lacks: ${missing.join(', ')}`,
    );
  }
}
