import type { Config } from '../../config/config.js';
import type { Logger } from '../../logger.js';
import { loadSequenceClassifier } from './sequence-classifier.js';

/** Scores (claim, sentence) pairs; higher is more relevant, in [0, 1]. */
export interface PairScorer {
  readonly id: string;
  score(claim: string, sentences: string[]): Promise<number[]>;
  dispose(): Promise<void>;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * A cross-encoder (e.g. Xenova/ms-marco-MiniLM-L-6-v2) through transformers.js, from
 * MODELS_DIR, when the deployment has one; undefined (logged) when it cannot be loaded, so the
 * checker falls back to its own lexical scoring.
 */
export async function loadCrossEncoder(
  config: Pick<Config, 'MODELS_DIR' | 'ALLOW_REMOTE_MODELS' | 'RERANK_MODEL'>,
  logger: Logger,
): Promise<PairScorer | undefined> {
  try {
    const model = await loadSequenceClassifier(config, config.RERANK_MODEL);
    return {
      id: config.RERANK_MODEL,
      async score(claim, sentences) {
        const rows = await model.logits(
          sentences.map(() => claim),
          sentences,
        );
        // One logit (relevance) or two (not relevant, relevant): the last is "relevant".
        return rows.map((row) => sigmoid(row.at(-1)!));
      },
      dispose: () => model.dispose(),
    };
  } catch (err) {
    logger.warn(
      { err: err instanceof Error ? err.message : String(err), model: config.RERANK_MODEL },
      'cross-encoder not loadable; reranking with lexical scoring',
    );
    return undefined;
  }
}
