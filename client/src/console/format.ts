/** Small formatting helpers of the console (pure). */
const BARS = '▁▂▃▄▅▆▇█';

/** A text sparkline: one bar per bucket, scaled to the largest. */
export function sparkText(values: number[]): string {
  const max = Math.max(1, ...values);
  return values.map((v) => (v === 0 ? ' ' : BARS[Math.min(7, Math.round((v / max) * 7))])).join('');
}

const LABEL: Record<string, string> = {
  SUPPORTED: '✔ True',
  REFUTED: '✘ False',
  NOT_ENOUGH_INFO: '? Not enough info',
};

export const verdictText = (verdict: string | null): string =>
  verdict ? (LABEL[verdict] ?? verdict) : '—';

/** An answer's feedback votes in words (emoji render as boxes without an emoji font). */
export const voteText = (votes: { helpful: number; notHelpful: number }): string =>
  `${votes.helpful} helpful · ${votes.notHelpful} not helpful`;

export const time = (ms: number): string => new Date(ms).toLocaleString();
