import { AppError } from '../errors.js';

/** Bytes inspected for NUL bytes, the mark of a binary file. */
const SNIFF_BYTES = 8192;

/**
 * Decodes a file's bytes as UTF-8, refusing binary files and invalid byte sequences with coded
 * errors. A byte order mark is kept, as `fs.readFile(path, 'utf8')` keeps it, so offsets agree.
 */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
    throw new AppError('SOURCE_BINARY', `${source} is a binary file, not text.`, {
      details: { source },
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new AppError('SOURCE_INVALID_UTF8', `${source} is not valid UTF-8 text.`, {
      cause,
      details: { source },
    });
  }
}
