import { AppError } from '../../errors.js';

/** Kinds of documents admins may upload, by extension. */
const KINDS = ['md', 'txt', 'html', 'htm', 'jsonl'] as const;
const NAME = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.(${KINDS.join('|')})$`);

/** Checks an upload's name, encoding and shape; returns its text. Pure: no file is touched. */
export function validateUpload(name: string, bytes: Buffer, maxBytes: number): string {
  if (!NAME.test(name) || name.includes('..')) {
    throw new AppError(
      'SOURCE_UNSUPPORTED',
      `A document name is letters, digits, dots, dashes or underscores ending in .${KINDS.join(', .')}.`,
    );
  }
  if (bytes.length === 0) throw new AppError('SOURCE_MALFORMED', 'The document is empty.');
  if (bytes.length > maxBytes)
    throw new AppError('SOURCE_TOO_LARGE', `Documents are at most ${maxBytes} bytes.`);
  if (bytes.includes(0)) throw new AppError('SOURCE_BINARY');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('SOURCE_INVALID_UTF8');
  }
  if (name.endsWith('.jsonl')) {
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new AppError('SOURCE_MALFORMED', `Line ${i + 1} is not JSON.`);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new AppError('SOURCE_MALFORMED', `Line ${i + 1} is not a JSON object.`);
      }
    });
  }
  return text;
}
