import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured logger for the process; pass it (or a child) down instead of importing it. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { service: 'factcheck' } }, destination ?? process.stderr);
}
