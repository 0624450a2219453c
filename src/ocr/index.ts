/** Screenshot claims: read the text of a PNG, JPEG or WebP offline (tesseract.js, English and Chinese). */
import type { Config } from '../config/config.js';
import type { Logger } from '../logger.js';
import { createOcrPool } from './ocr-pool.js';
import {
  parseOcrLanguages,
  readClaimImage,
  type ImageRead,
  type OcrSettings,
} from './read-claim-image.js';

export { createOcrPool, type OcrPool, type OcrPoolOptions } from './ocr-pool.js';
export { readClaimImage, type ImageRead, type OcrSettings } from './read-claim-image.js';
export type { ImageLanguage } from './pick-language.js';
export { imageFromBase64 } from './image-input.js';
export { sniffFormat, type ImageFormat } from './decode-image.js';

/** The OCR part of the settings. */
export function ocrSettings(config: Config): OcrSettings {
  return {
    maxBytes: config.OCR_MAX_IMAGE_BYTES,
    maxPixels: config.OCR_MAX_PIXELS,
    languages: parseOcrLanguages(config.OCR_LANGUAGES),
    lowConfidence: config.OCR_LOW_CONFIDENCE,
  };
}

/** One reader per process: a pool on the configured settings; what each edge calls. */
export interface ImageReader {
  /** readClaimImage on this reader's pool and settings (same refusals). */
  read(bytes: Buffer): Promise<ImageRead>;
  readonly settings: OcrSettings;
  /** Images waiting for a free OCR worker (for a BUSY refusal at the edge). */
  queueLength(): number;
  /** Ends the OCR workers (server shutdown). */
  close(): Promise<void>;
}

/** Builds the reader; no worker starts until the first image. */
export function createImageReader(config: Config, logger: Logger): ImageReader {
  const settings = ocrSettings(config);
  const pool = createOcrPool({ size: config.OCR_WORKERS, logger });
  return {
    read: (bytes) => readClaimImage(bytes, { pool, settings, logger }),
    settings,
    queueLength: () => pool.queueLength(),
    close: () => pool.close(),
  };
}
