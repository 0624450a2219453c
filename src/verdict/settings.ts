import type { Config } from '../config/config.js';
import type { JudgeSettings } from './stance/judge.js';

/** Sentences examined for stance per claim, best relevance first. */
const EXAMINED_SENTENCES = 12;

/** The judge's thresholds from the configuration. */
export const judgeSettings = (
  cfg: Pick<
    Config,
    'VERDICT_TOPIC' | 'VERDICT_SUPPORT' | 'VERDICT_REFUTE' | 'VERDICT_RUMOR_HEADING'
  >,
): JudgeSettings => ({
  topic: cfg.VERDICT_TOPIC,
  support: cfg.VERDICT_SUPPORT,
  refute: cfg.VERDICT_REFUTE,
  rumorHeading: cfg.VERDICT_RUMOR_HEADING,
  examine: EXAMINED_SENTENCES,
});
