import type { CheckResult, Origin } from '../types.js';

/**
 * How a bot gets an answer: through the same path as the widget and REST (check, review, store,
 * cluster), returning the stored answer's id and its page URL.
 */
export type BotAsk = (
  text: string,
  asker: Origin,
) => Promise<{ answerId: string; result: CheckResult; url: string }>;
