import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCorpus, signBody } from '../../packages/testing/src/index.ts';
import { sendRequest } from '../../test/cases/send-request.ts';
import { readDemoState } from '../demo/demo-state.ts';

const DEFAULT_URL = 'http://127.0.0.1:8080/webhooks/whatsapp';

/**
 * `send <file> [--url U] [--secret S]`: POSTs the file's exact bytes with
 * the `X-Hub-Signature-256` Meta would compute. Defaults come from a
 * running `npm run demo`, else the local ingress and the corpus secret.
 */
export async function sendCommand(
  file: string,
  options: { url?: string | undefined; secret?: string | undefined },
): Promise<number> {
  const demo = readDemoState();
  const url = options.url ?? demo?.webhookUrl ?? DEFAULT_URL;
  const secret = options.secret ?? demo?.appSecret ?? loadCorpus().appSecret;
  const body = readFileSync(resolve(process.env.INIT_CWD ?? '.', file));
  const answer = await sendRequest(
    new URL(url),
    'POST',
    {
      'Content-Type': 'application/json',
      'User-Agent': 'facebookexternalua',
      'X-Hub-Signature-256': signBody(body, secret),
    },
    body,
  );
  const outcome = answer.error ?? answer.body;
  const ms = Math.round(answer.latencyMs);
  process.stdout.write(
    `${answer.status} in ${ms} ms ${outcome}\n`.trimEnd() + '\n',
  );
  return answer.status === 200 ? 0 : 1;
}
