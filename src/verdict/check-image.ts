import type { ImageRead } from '../ocr/index.js';
import type { CheckResult } from '../types.js';
import {
  traceOf,
  type CheckOptions,
  type Checker,
  type TracedCheckResult,
} from './checker-types.js';

/** A check result for a screenshot: what was checked, and what was read off the image. */
export type ImageCheckResult = CheckResult & { ocr: ImageRead };

/** Said first in the answer when the reading is doubtful, in the image's language. */
const LOW_CONFIDENCE_NOTE = {
  en: (text: string) =>
    `We could not read the image clearly and checked "${text}"; if that is not what it says, type the claim.`,
  zh: (text: string) => `图片中的文字不够清晰，我们核查的是“${text}”；如有误读，请直接输入文字。`,
};

/** The text checked for a screenshot: a claim typed beside it (the widget's edited reading), else the reading. */
export const imageClaimText = (read: ImageRead, claim?: string): string =>
  claim?.trim() || read.text;

/**
 * A check result of a screenshot's text as the answer to the screenshot: `ocr` reports what was
 * read, and a doubtful reading that was checked as read says so first. The checker's trace is
 * kept (non-enumerable, as the checker sets it), so moderation reuses it.
 */
export function withReading(
  result: TracedCheckResult,
  read: ImageRead,
  claim?: string,
): ImageCheckResult & TracedCheckResult {
  const typed = claim?.trim();
  // A claim equal to the reading (the widget's unedited "we read: …") is still the reading.
  const isReading = !typed || typed === read.text;
  const answer =
    read.isLowConfidence && isReading
      ? `${LOW_CONFIDENCE_NOTE[read.lang === 'zh' ? 'zh' : 'en'](read.text)}\n\n${result.answer}`
      : result.answer;
  const trace = traceOf(result);
  const withRead: ImageCheckResult = { ...result, answer, ocr: read };
  return trace
    ? Object.defineProperty(withRead, 'trace', { value: trace, enumerable: false })
    : withRead;
}

/** Checks the claim read off a screenshot (or typed beside it), answering for the screenshot. */
export async function checkImageClaim(
  checker: Checker,
  read: ImageRead,
  options: CheckOptions & { claim?: string } = {},
): Promise<ImageCheckResult & TracedCheckResult> {
  const { claim, ...checkOptions } = options;
  return withReading(await checker.check(imageClaimText(read, claim), checkOptions), read, claim);
}
