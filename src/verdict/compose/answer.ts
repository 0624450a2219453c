import { hasCjk } from '../../index/tokenize.js';
import type { Citation, Stance, Verdict } from '../../types.js';
import type { Lang } from '../normalize/index.js';
import type { ClaimCheck } from '../pipeline.js';
import type { SentenceJudgement } from '../stance/judge.js';
import { STRINGS } from './strings.js';

/** Deciding sentences quoted per claim in the answer text. */
const QUOTED_PER_CLAIM = 3;
/** Citations listed in all (deciding first, then further on-topic sentences). */
const MAX_CITATIONS = 5;

export interface ComposedAnswer {
  answer: string;
  citations: Citation[];
}

/** A sentence in quotation marks on one line (unless it is already quoted). */
function quoted(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return /^["“「]/.test(t) ? t : `"${t}"`;
}

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/** Whether a sentence is worth listing as a further (neutral) citation. */
const onTopic = (j: SentenceJudgement, topic: number): boolean => j.cov.inWindow >= topic;

/**
 * Builds the answer text and its citations: the verdict sentence, then for each claim the
 * sentences that decide it quoted with [n] markers, then any computation. Citations are whole
 * sentences (exact source slices), best first; one sentence cited for several claims keeps one number.
 */
export function composeAnswer(
  checks: ClaimCheck[],
  verdict: Verdict,
  verdicts: Verdict[],
  lang: Lang,
  topic: number,
): ComposedAnswer {
  const strings = STRINGS[lang];
  const citations: Citation[] = [];
  const numberOf = (j: SentenceJudgement, stance: Stance): number => {
    const s = j.sentence;
    const found = citations.find(
      (c) => c.source === s.source && c.start === s.start && c.end === s.end,
    );
    if (found) return found.n;
    citations.push({
      n: citations.length + 1,
      docId: s.docId,
      title: s.title,
      source: s.source,
      start: s.start,
      end: s.end,
      quote: s.text,
      score: Math.round(clamp01(j.relevance) * 1000) / 1000,
      stance,
    });
    return citations.length;
  };
  const lines: string[] = [strings.verdict[verdict]];
  if (checks.length > 1) lines.push(strings.claims(checks.length));
  const decided = checks.filter((c) => c.judgement.verdict !== 'NOT_ENOUGH_INFO');
  const quotes = decided.flatMap((c) => c.judgement.evidence.filter((e) => e.stance !== 'neutral'));
  // Quotes from Chinese documents need no note that they are in English.
  const allChinese = quotes.length > 0 && quotes.every((e) => hasCjk(e.sentence.text));
  if (strings.sourcesNote && decided.length > 0 && !allChinese) lines.push(strings.sourcesNote);
  checks.forEach((check, i) => {
    const j = check.judgement;
    const prefix =
      checks.length > 1 ? `${i + 1}. "${check.claim.text}": ${strings.verdict[verdicts[i]!]}` : '';
    if (prefix) lines.push(prefix);
    if (j.verdict === 'NOT_ENOUGH_INFO') return;
    const deciding = j.evidence.filter((e) => e.stance !== 'neutral').slice(0, QUOTED_PER_CLAIM);
    for (const d of deciding) lines.push(`${quoted(d.sentence.text)} [${numberOf(d, d.stance)}]`);
    if (j.computations.length > 0)
      lines.push(`${strings.computation}: ${j.computations.join('; ')}.`);
  });
  // Further sentences nearest the claim, for the reader to see what the sources say about
  // it (on-topic ones first, then near misses): context, listed as neutral.
  for (const near of [topic, topic / 2]) {
    for (const check of checks) {
      for (const e of check.judgement.evidence) {
        if (citations.length >= MAX_CITATIONS) break;
        if (onTopic(e, near)) numberOf(e, 'neutral');
      }
    }
  }
  if (citations.length === 0) lines.push(strings.noEvidence);
  return { answer: lines.join('\n'), citations };
}
