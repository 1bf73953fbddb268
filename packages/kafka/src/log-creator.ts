import { logLevel } from 'kafkajs';
import type { logCreator } from 'kafkajs';
import type { Logger } from '@wapipe/telemetry';

type Level = 'error' | 'warn' | 'info' | 'debug';

/**
 * Routes kafkajs' namespaced logs into pino with the namespace as a field.
 * Two kinds are demoted so that error means "look at this": a broker's
 * per-request error answers (`Connection` namespace), which kafkajs
 * retries itself and which our stages retry again, and the notice that
 * our idempotent producers have bounded retries, which is deliberate: a
 * stage must get control back during an outage to heartbeat and retry.
 */
export function kafkaLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...extra } = log;
      const fields = { namespace, ...extra };
      kafkaLogger[levelFor(namespace, level, message)](fields, message);
    };
}

function levelFor(namespace: string, level: logLevel, message: string): Level {
  if (message.startsWith('Limiting retries for the idempotent')) return 'debug';
  if (level === logLevel.ERROR)
    return namespace === 'Connection' ? 'warn' : 'error';
  if (level === logLevel.WARN) return 'warn';
  return level === logLevel.INFO ? 'info' : 'debug';
}
