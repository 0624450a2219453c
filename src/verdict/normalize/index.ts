import { stripCruft } from './cruft.js';
import { detectLanguage, type Lang } from './language.js';
import { questionToClaim } from './question.js';
import { splitClaims } from './split-claims.js';

export type { Lang } from './language.js';

export interface NormalizedClaim {
  /** The claim as a statement, cruft removed. */
  text: string;
  /** Whether the user asked it as a question. */
  isQuestion: boolean;
}

export interface NormalizedMessage {
  original: string;
  /** The whole message with cruft removed. */
  cleaned: string;
  lang: Lang;
  claims: NormalizedClaim[];
}

/** Turns a message as people send it into the claims to check. */
export function normalizeMessage(message: string): NormalizedMessage {
  const cleaned = stripCruft(message);
  const lang = detectLanguage(cleaned.length > 0 ? cleaned : message);
  const base = cleaned.length > 0 ? cleaned : message.trim();
  const claims = splitClaims(base, lang).map((piece) => {
    const q = questionToClaim(piece, lang);
    return { text: q.claim, isQuestion: q.isQuestion };
  });
  return { original: message, cleaned: base, lang, claims };
}
