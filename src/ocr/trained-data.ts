import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';

/** Tesseract language codes whose trained data ships with the project (npm packages). */
export const OCR_LANGUAGES = ['eng', 'chi_sim'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

const require = createRequire(import.meta.url);

/**
 * The gzipped LSTM-only ("best_int") model of one language, inside its @tesseract.js-data
 * package in node_modules; tesseract.js would otherwise download it from a CDN.
 */
export function trainedDataFile(lang: OcrLanguage): string {
  try {
    const pkg = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    const file = path.join(pkg, '4.0.0_best_int', `${lang}.traineddata.gz`);
    fs.accessSync(file, fs.constants.R_OK);
    return file;
  } catch (err) {
    throw new AppError(
      'OCR_UNAVAILABLE',
      `The ${lang} OCR model is not installed (npm install @tesseract.js-data/${lang}).`,
      { cause: err },
    );
  }
}

/**
 * A folder holding links to every language's model: tesseract.js reads all languages of a worker
 * from one `langPath`, and each package keeps its own folder. (Passing the bytes as `{code, data}`
 * is broken in tesseract.js 7: `initialize` joins the bytes instead of the codes.)
 */
export function linkTrainedData(langs: readonly OcrLanguage[]): {
  langPath: string;
  remove: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-tessdata-'));
  for (const lang of langs)
    fs.symlinkSync(trainedDataFile(lang), path.join(dir, `${lang}.traineddata.gz`));
  return { langPath: dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
