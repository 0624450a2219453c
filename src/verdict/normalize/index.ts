import { messageClaims, type NormalizedClaim } from './claims.js';
import { stripCruft } from './cruft.js';
import { detectLanguage, type Lang } from './language.js';

export type { Lang } from './language.js';
export type { NormalizedClaim } from './claims.js';

export interface NormalizedMessage {
  original: string;
  /** The whole message with cruft removed. */
  cleaned: string;
  lang: Lang;
  claims: NormalizedClaim[];
}

/**
 * Turns a message as people send it into the claims to check: cruft removed, then split only
 * where it holds several claims (hearsay frames, the reader's asks and worried questions around
 * a rumor are not claims; see claims.ts).
 */
export function normalizeMessage(message: string): NormalizedMessage {
  const cleaned = stripCruft(message);
  const lang = detectLanguage(cleaned.length > 0 ? cleaned : message);
  // A message that is all cruft ("URGENT!!! Share!!!") is checked as sent: there is no claim to find.
  if (cleaned.length === 0) {
    const text = message.trim();
    return { original: message, cleaned: text, lang, claims: [{ text, isQuestion: false }] };
  }
  return { original: message, cleaned, lang, claims: messageClaims(cleaned, lang) };
}
