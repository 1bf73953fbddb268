import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * What a running demo tells `npm run wapipe`, so `send` and `tail` find
 * it without flags.
 */
export interface DemoState {
  webhookUrl: string;
  topicPrefix: string;
  appSecret: string;
  kafkaBrokers: string[];
}

export const DEMO_DIR = join(tmpdir(), 'wapipe-demo');
const STATE_FILE = join(DEMO_DIR, 'current.json');

export function writeDemoState(state: DemoState): void {
  mkdirSync(dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

export function readDemoState(): DemoState | undefined {
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as DemoState;
  } catch {
    return undefined;
  }
}

export function clearDemoState(): void {
  rmSync(STATE_FILE, { force: true });
}
