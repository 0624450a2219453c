import { AppError } from '../errors.js';

// C0 controls except tab, line feed and carriage return; DEL; C1 controls. Such characters
// never occur in a forwarded message a person typed or pasted, and would reach logs and HTML.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Whether text holds control characters other than tab and line breaks. */
export const hasControlCharacters = (text: string): boolean => CONTROL.test(text);

/** Refuses claims that are empty, too long or carry control characters; returns the claim. */
export function validateClaimText(text: string, maxLength: number): string {
  if (text.trim() === '') throw new AppError('CLAIM_EMPTY');
  // Counted in code points, so a Chinese or emoji-laden claim gets the same allowance.
  // A string of more than 2n UTF-16 units has more than n code points: no need to count.
  if (text.length > 2 * maxLength || Array.from(text).length > maxLength) {
    throw new AppError('CLAIM_TOO_LONG', `The claim is longer than ${maxLength} characters.`);
  }
  if (hasControlCharacters(text)) throw new AppError('CLAIM_INVALID_CHARACTERS');
  return text;
}

/** Refuses evidence texts (for a stance) that are empty or too long; returns the text. */
export function validateEvidenceText(text: string, maxLength: number): string {
  if (text.trim() === '') throw new AppError('EVIDENCE_EMPTY');
  if (text.length > 2 * maxLength || Array.from(text).length > maxLength) {
    throw new AppError('EVIDENCE_TOO_LONG', `The evidence is longer than ${maxLength} characters.`);
  }
  return text;
}
