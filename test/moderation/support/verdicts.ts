import type { Verdict } from '../../../src/types.js';

const VERDICTS: readonly Verdict[] = ['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO'];

/**
 * A verdict none of `told` is, for a curated answer that overrides what the real checker said,
 * so that every asker gets a correction whatever the machine's verdict was.
 */
export function verdictOtherThan(
  told: readonly Verdict[],
  options: { prefer?: Verdict } = {},
): Verdict {
  const order = options.prefer
    ? [options.prefer, ...VERDICTS.filter((v) => v !== options.prefer)]
    : VERDICTS;
  const other = order.find((v) => !told.includes(v));
  if (!other) throw new Error(`askers were told every verdict: ${told.join(', ')}`);
  return other;
}

/** How the chat bots write a verdict in their badge. */
export const BOT_WORD: Record<Verdict, string> = {
  SUPPORTED: 'TRUE',
  REFUTED: 'FALSE',
  NOT_ENOUGH_INFO: 'NOT ENOUGH INFORMATION',
};
