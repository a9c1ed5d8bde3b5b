import pino, { Logger } from 'pino';
import { currentLogContext } from './util/log-context';

export type { Logger };

/**
 * JSON logs; secrets in common places are redacted so they never reach a log line. Lines written
 * during a request or bot turn carry its reqId / turnId (see src/util/log-context.ts).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'inkopsassistenten' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => ({ ...currentLogContext() }),
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', 'authorization', '*.password', '*.MicrosoftAppPassword'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
