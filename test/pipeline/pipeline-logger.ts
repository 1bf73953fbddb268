import pino from 'pino';
import type { DestinationStream } from 'pino';
import { REDACTED_PATHS, type Logger } from '@wapipe/telemetry';

// One stream per destination for the whole process: a runner starts a
// pipeline per case, and each must not open the log file again.
const streams = new Map<number | string, DestinationStream>();

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
    streamFor(destination),
  );
  return (service) => root.child({ service });
}

function streamFor(destination: number | string): DestinationStream {
  let stream = streams.get(destination);
  if (!stream) {
    stream = pino.destination({ dest: destination, sync: true });
    streams.set(destination, stream);
  }
  return stream;
}
