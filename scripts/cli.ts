// npm run wapipe -- send <file> [--url URL] [--secret SECRET]
// npm run wapipe -- tail <topic-key> [--prefix PREFIX] [--once]
//
// Small tools around a running pipeline (`npm run demo` by default):
// `send` signs and POSTs a payload file the way Meta would, `tail` prints
// a topic as readable lines (topic keys as in @wapipe/contracts TOPIC:
// inboundMessages, messageStatuses, accountEvents, mediaStored, dlq, …).
import { parseArgs } from 'node:util';
import { sendCommand } from './cli/send-command.ts';
import { tailCommand } from './cli/tail-command.ts';

const USAGE = `usage:
  npm run wapipe -- send <file> [--url URL] [--secret SECRET]
  npm run wapipe -- tail <topic-key> [--prefix PREFIX] [--once]
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    secret: { type: 'string' },
    prefix: { type: 'string' },
    once: { type: 'boolean', default: false },
  },
});

const [command, target] = positionals;
let code = 2;
if (command === 'send' && target) {
  code = await sendCommand(target, values);
} else if (command === 'tail' && target) {
  code = await tailCommand(target, values);
} else {
  process.stderr.write(USAGE);
}
process.exit(code);
