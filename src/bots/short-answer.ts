import { verdictLabel } from '../moderation/claim-review.js';
import type { CheckResult, Verdict } from '../types.js';

const ICON: Record<Verdict, string> = { SUPPORTED: '✅', REFUTED: '❌', NOT_ENOUGH_INFO: '❔' };

/** The first sentence of an answer, without its [n] citation markers. */
export function firstSentence(text: string): string {
  const clean = text.replace(/\s*\[\d+\]/g, '').trim();
  const match = /^.+?[.!?。！？](?=\s|$)/su.exec(clean);
  const sentence = (match ? match[0] : clean).trim();
  return sentence.length > 280 ? `${sentence.slice(0, 277)}…` : sentence;
}

export interface ShortAnswerInput {
  result: Pick<CheckResult, 'verdict' | 'answer' | 'citations'>;
  url: string;
  /** A person reviewed this answer. */
  isReviewed?: boolean;
  /** Prefix for corrections ("Update"). */
  heading?: string;
}

/**
 * The answer as a chat message: verdict badge in text (icon and word, not colour), one
 * sentence, at most two sources, and the link to the full answer page. Plain text, no markup.
 */
export function shortAnswer(input: ShortAnswerInput): string {
  const { result } = input;
  const badge = `${ICON[result.verdict]} ${verdictLabel(result.verdict).toUpperCase()}`;
  const lines = [
    `${input.heading ? `${input.heading}: ` : ''}${badge}${input.isReviewed ? ' (reviewed by a person)' : ''}`,
    firstSentence(result.answer),
  ];
  const sources = result.citations.slice(0, 2).map((c, i) => `${i + 1}) ${c.title}`);
  if (sources.length > 0) lines.push(`Sources: ${sources.join('; ')}`);
  lines.push(`Full answer: ${input.url}`);
  return lines.join('\n');
}

/**
 * The part of a long message that gets checked: up to `max` characters, cut after the last
 * sentence end inside the limit when there is one.
 */
export function claimPart(text: string, max: number): { text: string; isCut: boolean } {
  const trimmed = text.trim();
  if (trimmed.length <= max) return { text: trimmed, isCut: false };
  const head = trimmed.slice(0, max);
  const lastEnd = Math.max(...['. ', '! ', '? ', '。', '！', '？'].map((m) => head.lastIndexOf(m)));
  return { text: (lastEnd > max / 3 ? head.slice(0, lastEnd + 1) : head).trim(), isCut: true };
}
