import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { cleanChatText } from './chat-chrome.js';
import { decodeImage } from './decode-image.js';
import type { OcrPool } from './ocr-pool.js';
import { modelsFor, pickLanguage, type ImageLanguage } from './pick-language.js';
import { OCR_LANGUAGES, type OcrLanguage } from './trained-data.js';

/** What was read off a screenshot: the `ocr` object of a check result. */
export interface ImageRead {
  /** The claim text, chat chrome removed, lines joined. */
  text: string;
  lang: ImageLanguage;
  /** 0-1: the engine's mean confidence over the kept text. */
  confidence: number;
  /** Below the OCR_LOW_CONFIDENCE setting: answers say that the reading may be wrong. */
  isLowConfidence: boolean;
  /** An animated image, of which only the first frame was read. */
  isFirstFrameOnly?: boolean;
}

/** The settings that readClaimImage needs (see `ocrSettings` for the config mapping). */
export interface OcrSettings {
  maxBytes: number;
  maxPixels: number;
  languages: readonly OcrLanguage[];
  lowConfidence: number;
}

export interface ReadClaimImageOptions {
  pool: OcrPool;
  settings: OcrSettings;
  logger?: Logger;
}

/** Fewer letters than this after clean-up is no text (a blank image reads as "|" or "~"). */
const MIN_LETTERS = 3;

/** Parses OCR_LANGUAGES ("eng+chi_sim") into the models to load. */
export function parseOcrLanguages(value: string): OcrLanguage[] {
  const wanted = value.split('+');
  return OCR_LANGUAGES.filter((l) => wanted.includes(l));
}

async function readOnce(pool: OcrPool, png: Buffer, langs: readonly OcrLanguage[]) {
  const page = await pool.recognize(png, langs);
  return cleanChatText(page.lines);
}

/**
 * Reads the claim in a screenshot (PNG, JPEG or WebP bytes). Refusals, as AppError codes:
 * IMAGE_TOO_LARGE, IMAGE_UNSUPPORTED, IMAGE_TOO_MANY_PIXELS, IMAGE_CORRUPT, OCR_NO_TEXT,
 * OCR_UNAVAILABLE (models missing), SHUTTING_DOWN (pool closed).
 */
export async function readClaimImage(
  bytes: Buffer,
  options: ReadClaimImageOptions,
): Promise<ImageRead> {
  const { pool, settings, logger } = options;
  const started = performance.now();
  const image = await decodeImage(bytes, settings);
  // First pass with every configured language; the script of what it read picks the image's.
  let read = await readOnce(pool, image.png, settings.languages);
  const lang = pickLanguage(read.text);
  const own = modelsFor(lang, settings.languages);
  // A doubtful read of a one-language image gets a second pass with that language alone,
  // which cannot mistake its glyphs for the other script's; the better read wins.
  if (
    read.confidence < settings.lowConfidence &&
    own.length > 0 &&
    own.length < settings.languages.length
  ) {
    const second = await readOnce(pool, image.png, own);
    if (second.confidence > read.confidence) read = second;
  }
  if ((read.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < MIN_LETTERS)
    throw new AppError('OCR_NO_TEXT');
  const confidence = Math.round(read.confidence * 1000) / 1000;
  logger?.debug(
    {
      lang,
      confidence,
      chars: read.text.length,
      ms: Math.round(performance.now() - started),
      animated: image.isAnimated,
    },
    'image read',
  );
  return {
    text: read.text,
    lang,
    confidence,
    isLowConfidence: confidence < settings.lowConfidence,
    ...(image.isAnimated ? { isFirstFrameOnly: true } : {}),
  };
}
