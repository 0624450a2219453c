import { readFile } from 'node:fs/promises';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { createImageReader, type ImageRead } from '../../ocr/index.js';
import type { ImageCheckResult } from '../../verdict/check-image.js';

/** Reads the claim off a screenshot file (before any index is opened: refusals come fast). */
export async function readImageFile(
  config: Config,
  logger: Logger,
  file: string,
): Promise<ImageRead> {
  const bytes = await readFile(file).catch((err: unknown) => {
    throw new AppError('SOURCE_NOT_FOUND', `Cannot read ${file}.`, { cause: err });
  });
  const reader = createImageReader({ ...config, OCR_WORKERS: 1 }, logger);
  try {
    return await reader.read(bytes);
  } finally {
    await reader.close();
  }
}

/** What was read, above the check result, for reading in a terminal. */
export function formatRead(result: ImageCheckResult): string {
  const { text, lang, confidence, isLowConfidence, isFirstFrameOnly } = result.ocr;
  const lines = [`Read from the image (${lang}, confidence ${confidence.toFixed(2)}): ${text}`];
  if (isLowConfidence)
    lines.push('Low confidence: the image was hard to read; the text above may be wrong.');
  if (isFirstFrameOnly) lines.push('Animated image: only its first frame was read.');
  if (result.claim !== text) lines.push(`Checked instead: ${result.claim}`);
  return lines.join('\n') + '\n\n';
}
