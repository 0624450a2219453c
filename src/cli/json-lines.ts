import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { AppError, toErrorBody } from '../errors.js';

/** One input line of a JSON-lines command: its fields and its id (null when missing or not a string or number). */
export interface JsonLineInput {
  id: string | number | null;
  fields: Record<string, unknown>;
}

/**
 * One output line: `{id, ...answer(input)}`, or `{id, error: {code, message}}` when the line is
 * not JSON or `answer` throws. A line's error never stops the run.
 */
export async function answerJsonLine(
  line: string,
  answer: (input: JsonLineInput) => Promise<object>,
): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { id: null, error: { code: 'INVALID_JSON', message: 'The line is not valid JSON.' } };
  }
  const fields =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  const id = typeof fields.id === 'string' || typeof fields.id === 'number' ? fields.id : null;
  try {
    return { id, ...(await answer({ id, fields })) };
  } catch (err) {
    return { id, ...toErrorBody(err).body };
  }
}

/**
 * Reads JSON lines from a file or `-` (stdin), skips blank lines and writes one JSON line per
 * input line to stdout. Lines are answered one at a time, so output order is input order.
 * A file that cannot be opened is SOURCE_NOT_FOUND.
 */
export async function runJsonLines(
  file: string,
  answerLine: (line: string) => Promise<Record<string, unknown>>,
): Promise<void> {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const opened = new Promise<void>((resolve, reject) => {
    if (file === '-') resolve();
    else input.once('open', () => resolve()).once('error', reject);
  });
  await opened.catch((err: unknown) => {
    throw new AppError('SOURCE_NOT_FOUND', `Cannot read ${file}.`, { cause: err });
  });
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    process.stdout.write(JSON.stringify(await answerLine(line)) + '\n');
  }
}
