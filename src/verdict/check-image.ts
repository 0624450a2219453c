import type { ImageRead } from '../ocr/index.js';
import type { CheckResult } from '../types.js';
import type { CheckOptions, Checker } from './checker-types.js';

/** A check result for a screenshot: what was checked, and what was read off the image. */
export type ImageCheckResult = CheckResult & { ocr: ImageRead };

/** Said first in the answer when the reading is doubtful, in the image's language. */
const LOW_CONFIDENCE_NOTE = {
  en: (text: string) =>
    `We could not read the image clearly and checked "${text}"; if that is not what it says, type the claim.`,
  zh: (text: string) => `图片中的文字不够清晰，我们核查的是“${text}”；如有误读，请直接输入文字。`,
};

/**
 * Checks the claim read off a screenshot. A claim typed beside the image (the widget's edited
 * "we read: …") is checked instead of the reading; `ocr` always reports what was read.
 */
export async function checkImageClaim(
  checker: Checker,
  read: ImageRead,
  options: CheckOptions & { claim?: string } = {},
): Promise<ImageCheckResult> {
  const { claim, ...checkOptions } = options;
  const typed = claim?.trim();
  const result = await checker.check(typed || read.text, checkOptions);
  const answer =
    read.isLowConfidence && !typed
      ? `${LOW_CONFIDENCE_NOTE[read.lang === 'zh' ? 'zh' : 'en'](read.text)}\n\n${result.answer}`
      : result.answer;
  return { ...result, answer, ocr: read };
}
