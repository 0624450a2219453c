import type { Verdict } from '../types.js';
import type { Judgement, JudgeSettings } from './stance/judge.js';

/** Reasons that rest on an explicit contradiction in the text, which rarely misleads. */
const STRONG_REASONS = new Set(['rumor-answered', 'number-conflict', 'debunk']);

const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

/**
 * Confidence from the margin of the deciding evidence over its threshold: coverage just at the
 * threshold gives 0.7, full coverage 0.95; explicit contradictions add 0.05. The base was set
 * from our held-out seed claims (test/fixtures/verdict/heldout-claims.jsonl), where verdicts
 * with a stance were right about 85% of the time. For
 * NOT_ENOUGH_INFO, the further the best evidence stays below the topic threshold, the surer.
 */
export function confidenceOf(j: Judgement, settings: JudgeSettings): number {
  if (j.verdict === 'NOT_ENOUGH_INFO') {
    const below = (settings.topic - j.strength) / settings.topic;
    return round(clamp(0.6 + 0.35 * below, 0.5, 0.95));
  }
  const threshold = j.verdict === 'SUPPORTED' ? settings.support : settings.refute;
  const margin = (j.strength - threshold) / Math.max(1e-6, 1 - threshold);
  const strong = j.reasons.some((r) => STRONG_REASONS.has(r)) ? 0.05 : 0;
  return round(clamp(0.7 + 0.25 * margin + strong, 0.5, 0.97));
}

/** The confidence of a combined verdict: the weakest of the claims that agree with it. */
export function combinedConfidence(
  verdict: Verdict,
  parts: { verdict: Verdict; confidence: number }[],
): number {
  const agreeing = parts.filter((p) => p.verdict === verdict).map((p) => p.confidence);
  return agreeing.length > 0 ? Math.min(...agreeing) : 0.5;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
