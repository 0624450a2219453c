import { contentTokens } from '../text/terms.js';
import type { Lang } from './language.js';

/** Verbs that open a command to the reader ("Stop feeding…", "Pull your daughters out…"), not a claim. */
const IMPERATIVE_START =
  /^(please\s+)?(stop|pull|delete|share|forward|tell|send|stock|beware|warn|protect|don'?t|do\s+not|never\s+let|check|read|avoid|keep|throw|buy|call|click|save|remember|act|hurry|spread|repost|make\s+sure)\b/i;
const ZH_IMPERATIVE_START = /^(请|千万|赶紧|快|不要|别|大家|马上|务必)/;

/** Minimum topic words for a piece to count as a claim of its own. */
const MIN_CONTENT_WORDS = 2;
const MIN_ZH_CHARS = 4;

/** The clauses of a message: sentences, and for English also parts joined by a spaced dash. */
function pieces(text: string, lang: Lang): string[] {
  const sentenceEnd =
    lang === 'zh' ? /(?<=[。！？!?；;])/ : /(?<=[.!?;])\s+(?=[A-Z"'“‘])|\s+[-–—]\s+/;
  return text
    .split(sentenceEnd)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function isClaimLike(piece: string, lang: Lang): boolean {
  if (lang === 'zh') {
    const han = (piece.match(/\p{Script=Han}/gu) ?? []).length;
    return han >= MIN_ZH_CHARS && !ZH_IMPERATIVE_START.test(piece);
  }
  return contentTokens(piece).length >= MIN_CONTENT_WORDS && !IMPERATIVE_START.test(piece);
}

/**
 * The separate claims of one cleaned message, in order. Commands to the reader and fragments
 * without topic words are dropped; a message with no claim-like piece is returned whole.
 */
export function splitClaims(text: string, lang: Lang): string[] {
  const claims = pieces(text, lang).filter((p) => isClaimLike(p, lang));
  return claims.length > 0 ? claims : [text.trim()];
}
