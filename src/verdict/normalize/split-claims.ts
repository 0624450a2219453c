import { contentTokens } from '../text/terms.js';
import type { Lang } from './language.js';

/** Verbs that open a command to the reader ("Stop feeding…", "Pull your kids out of school…"), not a claim. */
const IMPERATIVE_START =
  /^(please\s+)?(stop|pull|delete|share|forward|tell|send|stock|beware|warn|protect|don'?t|do\s+not|never\s+let|check|read|avoid|keep|throw|buy|call|click|save|remember|act|hurry|spread|repost|make\s+sure)\b/i;
const ZH_IMPERATIVE_START = /^(请|千万|赶紧|快|不要|别|大家|马上|务必)/;

/** Minimum topic words for a piece to count as a claim of its own. */
const MIN_CONTENT_WORDS = 2;
const MIN_ZH_CHARS = 4;

/** Abbreviations whose full stop does not end a sentence ("Dr. Li", "the U.S. Senate", "Decree No. 5"). */
const ABBREVIATION =
  /(?:^|[\s(])(?:mr|mrs|ms|dr|prof|st|jr|sr|vs|etc|inc|co|corp|ltd|gov|sen|rep|gen|approx|fig|no|nos|art|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|[a-z]\.[a-z])\.$/i;

/**
 * The clauses of a message: sentences (a line break ends one too), Chinese clauses opened by
 * 另外/此外/还有 ("also"), and for English also parts joined by a semicolon or a spaced dash. A
 * full stop after an abbreviation does not split; a clause's trailing semicolon or comma is dropped.
 */
export function clauses(text: string, lang: Lang): string[] {
  const boundary =
    lang === 'zh'
      ? /(?<=[。！？!?；;…])|\n+|[，,](?=另外|此外|还有)/
      : /(?<=[!?;])\s+|(?<=[!?])(?=[A-Za-z])|(?<=\.)\s+(?=[A-Z0-9"'“‘(])|\s*\n+\s*|\s+[-–—]\s+/;
  const parts = text
    .split(boundary)
    .map((p) =>
      p
        .replace(/[\s;；,，:：]+$/, '')
        .replace(/^(另外|此外|还有)[，,]?/, '')
        .trim(),
    )
    .filter((p) => /[\p{L}\p{N}]/u.test(p));
  const out: string[] = [];
  for (const part of parts) {
    const last = out.length - 1;
    if (last >= 0 && lang === 'en' && ABBREVIATION.test(out[last]!)) out[last] += ' ' + part;
    else out.push(part);
  }
  return out;
}

/** Whether a clause is a command to the reader ("Stop feeding…", "千万不要…"). */
export function isCommand(piece: string, lang: Lang): boolean {
  return (lang === 'zh' ? ZH_IMPERATIVE_START : IMPERATIVE_START).test(piece.trim());
}

/** Whether a clause has enough topic to be a claim and is not a command to the reader. */
export function isClaimLike(piece: string, lang: Lang): boolean {
  if (isCommand(piece, lang)) return false;
  if (lang === 'zh') return (piece.match(/\p{Script=Han}/gu) ?? []).length >= MIN_ZH_CHARS;
  return contentTokens(piece).length >= MIN_CONTENT_WORDS;
}

/**
 * The claim-like clauses of one cleaned message, in order. Commands to the reader and fragments
 * without topic words are dropped; a message with no claim-like piece is returned whole.
 * normalizeMessage goes further (claims.ts): hearsay, reactions and worried questions.
 */
export function splitClaims(text: string, lang: Lang): string[] {
  const claims = clauses(text, lang).filter((p) => isClaimLike(p, lang));
  return claims.length > 0 ? claims : [text.trim()];
}
