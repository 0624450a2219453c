/** Screenshot claims: read the text of a PNG, JPEG or WebP offline (tesseract.js, English and Chinese). */
import type { Config } from '../config/config.js';
import { parseOcrLanguages, type OcrSettings } from './read-claim-image.js';

export { createOcrPool, type OcrPool, type OcrPoolOptions } from './ocr-pool.js';
export { readClaimImage, type ImageRead, type OcrSettings } from './read-claim-image.js';
export type { ImageLanguage } from './pick-language.js';

/** The OCR part of the settings. */
export function ocrSettings(config: Config): OcrSettings {
  return {
    maxBytes: config.OCR_MAX_IMAGE_BYTES,
    maxPixels: config.OCR_MAX_PIXELS,
    languages: parseOcrLanguages(config.OCR_LANGUAGES),
    lowConfidence: config.OCR_LOW_CONFIDENCE,
  };
}
