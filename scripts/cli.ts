// npm run wapipe -- send <file> [--url URL] [--secret SECRET]
// npm run wapipe -- tail <topic> [--prefix PREFIX] [--once]
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
  npm run wapipe -- tail <topic> [--prefix PREFIX] [--once]

send  signs the file's bytes as Meta would and POSTs them; URL and secret
      default to those of a running \`npm run demo\`
tail  prints a topic (a key such as inboundMessages, or a name such as
      whatsapp.inbound-messages.v1) from the beginning and follows it;
      --once stops when nothing new came for a second
`;

const { values, positionals } = readArgs();
const [command, target] = positionals;
let code = 2;
if (values.help) {
  process.stdout.write(USAGE);
  code = 0;
} else if (command === 'send' && target) {
  code = await sendCommand(target, values);
} else if (command === 'tail' && target) {
  code = await tailCommand(target, values);
} else {
  process.stderr.write(USAGE);
}
process.exit(code);

function readArgs() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        secret: { type: 'string' },
        prefix: { type: 'string' },
        once: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
