import type { Asker } from '../store/moderation-clusters.js';
import type { CheckResult } from '../types.js';

/**
 * How a bot gets an answer: through the same path as the widget and REST (check, review, store,
 * cluster), returning the stored answer's id and its page URL.
 */
export type BotAsk = (
  text: string,
  asker: Asker,
) => Promise<{ answerId: string; result: CheckResult; url: string }>;
