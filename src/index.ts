/** Library entry: build a checker once, then check many claims. */
export { createChecker } from './verdict/checker.js';
export type { CreateCheckerOptions } from './verdict/checker.js';
export type { Checker, CheckOptions, CheckStage, SourceContext } from './verdict/checker-types.js';
export { loadConfig } from './config/config.js';
export type { Config } from './config/config.js';
export { createLogger } from './logger.js';
export { AppError, ERROR_CODES } from './errors.js';
export type { ErrorCode } from './errors.js';
export type { CheckResult, Citation, Passage, ScoredPassage, Stance, Verdict } from './types.js';
export {
  createImageReader,
  createOcrPool,
  imageFromBase64,
  ocrSettings,
  readClaimImage,
} from './ocr/index.js';
export type { ImageLanguage, ImageRead, ImageReader, OcrPool, OcrSettings } from './ocr/index.js';
export { checkImageClaim } from './verdict/check-image.js';
export type { ImageCheckResult } from './verdict/check-image.js';
