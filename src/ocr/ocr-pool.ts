import Tesseract from 'tesseract.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { linkTrainedData, OCR_LANGUAGES, type OcrLanguage } from './trained-data.js';

/** One line of text as the engine read it. */
export interface OcrLine {
  text: string;
  /** 0-1, the engine's mean word confidence on this line. */
  confidence: number;
  /** Index of the paragraph (text block) the line belongs to, in reading order. */
  paragraph: number;
}

export interface OcrPage {
  lines: OcrLine[];
  /** 0-1, the engine's mean word confidence on the page. */
  confidence: number;
}

/** A few tesseract.js workers (worker threads), created on first use and loaded once. */
export interface OcrPool {
  /** Reads a prepared image with the given languages (a worker per language set, made lazily). */
  recognize(png: Buffer, langs: readonly OcrLanguage[]): Promise<OcrPage>;
  /** Reads waiting for a free worker (an edge answers BUSY above its own limit). */
  queueLength(): number;
  /** Ends every worker; reads still waiting are refused with SHUTTING_DOWN. */
  close(): Promise<void>;
}

export interface OcrPoolOptions {
  /** Workers reading at once (each one keeps a core busy while it reads). */
  size: number;
  logger: Logger;
}

interface Slot {
  workers: Map<string, Promise<Tesseract.Worker>>;
  isBusy: boolean;
}

/** The languages tesseract tries, in the order it prefers them when they disagree. */
const langKey = (langs: readonly OcrLanguage[]) =>
  OCR_LANGUAGES.filter((l) => langs.includes(l)).join('+');

function pageLines(page: Tesseract.Page): OcrLine[] {
  const lines: OcrLine[] = [];
  let paragraph = 0;
  for (const block of page.blocks ?? [])
    for (const para of block.paragraphs) {
      for (const line of para.lines)
        lines.push({ text: line.text.trim(), confidence: line.confidence / 100, paragraph });
      paragraph++;
    }
  return lines.filter((l) => l.text !== '');
}

export function createOcrPool(options: OcrPoolOptions): OcrPool {
  const log = options.logger.child({ component: 'ocr' });
  const slots: Slot[] = Array.from({ length: Math.max(1, options.size) }, () => ({
    workers: new Map(),
    isBusy: false,
  }));
  const waiting: ((slot: Slot) => void)[] = [];
  // Linked on the first worker start, so a pool that never reads leaves nothing behind.
  let data: ReturnType<typeof linkTrainedData> | undefined;
  let isClosed = false;

  const startWorker = async (key: string): Promise<Tesseract.Worker> => {
    const started = performance.now();
    data ??= linkTrainedData(OCR_LANGUAGES);
    // cacheMethod 'none': read the models from node_modules every start, never write copies
    // into the working directory (tesseract.js' default) nor fetch them.
    const worker = await Tesseract.createWorker(key, Tesseract.OEM.LSTM_ONLY, {
      langPath: data.langPath,
      cacheMethod: 'none',
      gzip: true,
      errorHandler: (err: unknown) => log.error({ err }, 'OCR worker error'),
    }).catch((err: unknown) => {
      throw new AppError('OCR_UNAVAILABLE', undefined, { cause: err });
    });
    // Screenshots carry no usable resolution; without one tesseract guesses and warns. Its other
    // notes ("Image too small to scale!!") would land on the process's stderr, unstructured.
    await worker.setParameters({ user_defined_dpi: '300', debug_file: '/dev/null' });
    log.info({ langs: key, ms: Math.round(performance.now() - started) }, 'OCR worker loaded');
    return worker;
  };

  const acquire = (): Promise<Slot> => {
    if (isClosed) return Promise.reject(new AppError('SHUTTING_DOWN'));
    const idle = slots.find((s) => !s.isBusy);
    if (idle) {
      idle.isBusy = true;
      return Promise.resolve(idle);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };

  const release = (slot: Slot) => {
    const next = waiting.shift();
    if (next) next(slot);
    else slot.isBusy = false;
  };

  return {
    async recognize(png, langs) {
      const key = langKey(langs);
      if (key === '') throw new AppError('OCR_UNAVAILABLE', 'No OCR language is configured.');
      const slot = await acquire();
      try {
        if (isClosed) throw new AppError('SHUTTING_DOWN');
        let worker = slot.workers.get(key);
        if (!worker) {
          worker = startWorker(key);
          slot.workers.set(key, worker);
          // A failed start is not kept: the next image tries again.
          worker.catch(() => slot.workers.delete(key));
        }
        const { data: page } = await (
          await worker
        ).recognize(png, {}, { text: true, blocks: true });
        return { lines: pageLines(page), confidence: page.confidence / 100 };
      } finally {
        release(slot);
      }
    },
    queueLength: () => waiting.length,
    async close() {
      if (isClosed) return;
      isClosed = true;
      const started = slots.flatMap((s) => [...s.workers.values()]);
      await Promise.allSettled(started.map(async (w) => (await w).terminate()));
      data?.remove();
    },
  };
}
