import type { Stance, Verdict } from '../../types.js';
import { buildSentenceStore, type SentenceStore } from '../evidence/sentence-store.js';

/** The stance of one evidence text toward one claim, as `factcheck stance` and the API give it. */
export interface PairStance {
  stance: Stance;
  confidence: number;
}

/** Source name of the one-passage store a pair is judged in. */
export const PAIR_SOURCE = 'pair';

/** A store holding only the evidence text, split into sentences as the knowledge base is. */
export function pairStore(evidence: string): SentenceStore {
  return buildSentenceStore([
    {
      docId: PAIR_SOURCE,
      title: '',
      source: PAIR_SOURCE,
      start: 0,
      end: evidence.length,
      text: evidence,
    },
  ]);
}

export const STANCE_OF: Readonly<Record<Verdict, Stance>> = {
  SUPPORTED: 'supports',
  REFUTED: 'refutes',
  NOT_ENOUGH_INFO: 'neutral',
};
