import type { Verdict } from '../types.js';

/**
 * The verdict of a message that makes several claims: refuted when any claim is refuted (the
 * message spreads something false), supported only when every claim is supported, otherwise
 * not enough information.
 */
export function combineVerdicts(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('REFUTED')) return 'REFUTED';
  if (verdicts.length > 0 && verdicts.every((v) => v === 'SUPPORTED')) return 'SUPPORTED';
  return 'NOT_ENOUGH_INFO';
}
