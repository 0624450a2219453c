import type { ImageRead } from '../ocr/index.js';
import type { CheckResult, Origin } from '../types.js';

/** A bot's answer: the stored answer's id, its result and its page URL. */
export interface BotAnswer {
  answerId: string;
  /** For a screenshot, with what was read off it. */
  result: CheckResult & { ocr?: ImageRead };
  url: string;
}

/**
 * How a bot gets an answer: through the same path as the widget and REST (check, review, store,
 * cluster), returning the stored answer's id and its page URL.
 */
export type BotAsk = (text: string, asker: Origin) => Promise<BotAnswer>;

/**
 * The same for a screenshot: its text is read, then answered like a typed claim (the result
 * carries `ocr`); a claim typed beside it is checked instead of the reading. Refused with the
 * image codes (IMAGE_*, OCR_NO_TEXT).
 */
export type BotAskImage = (image: Buffer, asker: Origin, claim?: string) => Promise<BotAnswer>;
