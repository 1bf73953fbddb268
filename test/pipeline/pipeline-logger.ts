import pino from 'pino';
import { REDACTED_PATHS, type Logger } from '@wapipe/telemetry';

/**
 * One pino logger per service, like the services' own, but writing to a
 * chosen destination (stderr by default) so a runner's stdout stays its
 * own report.
 */
export function pipelineLoggers(
  level: string,
  destination: number | string = 2,
): (service: string) => Logger {
  const root = pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: destination, sync: true }),
  );
  return (service) => root.child({ service });
}
