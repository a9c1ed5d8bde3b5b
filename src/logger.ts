import pino, { Logger } from 'pino';

export type { Logger };

/** JSON logs; secrets in common places are redacted so they never reach a log line. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'inkopsassistenten' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', 'authorization', '*.password', '*.MicrosoftAppPassword'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
