import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

/** A logger whose JSON lines are kept in memory, to check what was logged and what was not. */
export function captureLogs(level = 'info'): {
  logger: Logger;
  /** Every line, parsed. */
  lines: () => Record<string, unknown>[];
  /** Everything written, as text. */
  text: () => string;
} {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const text = () => chunks.join('');
  return {
    logger: createLogger(level, sink),
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    text,
  };
}
