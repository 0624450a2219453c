import path from 'node:path';
import {
  AutoModelForSequenceClassification,
  AutoTokenizer,
  env,
  type Tensor,
} from '@huggingface/transformers';
import type { Config } from '../../config/config.js';
import type { Logger } from '../../logger.js';

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
    // transformers.js keeps these settings in one global `env`; every load sets all of them.
    env.allowLocalModels = true;
    env.localModelPath = config.MODELS_DIR;
    env.allowRemoteModels = config.ALLOW_REMOTE_MODELS;
    env.cacheDir = path.join(config.MODELS_DIR, '.cache');
    const options = { local_files_only: !config.ALLOW_REMOTE_MODELS };
    const tokenizer = await AutoTokenizer.from_pretrained(config.RERANK_MODEL, options);
    const model = await AutoModelForSequenceClassification.from_pretrained(config.RERANK_MODEL, {
      ...options,
      dtype: 'q8',
    });
    return {
      id: config.RERANK_MODEL,
      async score(claim, sentences) {
        if (sentences.length === 0) return [];
        const inputs = tokenizer(
          sentences.map(() => claim),
          { text_pair: sentences, padding: true, truncation: true },
        );
        const { logits } = (await model(inputs)) as { logits: Tensor };
        const data = logits.data as Float32Array;
        const width = data.length / sentences.length;
        // One logit (relevance) or two (not relevant, relevant): the last is "relevant".
        return sentences.map((_, i) => sigmoid(data[i * width + width - 1]!));
      },
      async dispose() {
        await model.dispose();
      },
    };
  } catch (err) {
    logger.warn(
      { err: err instanceof Error ? err.message : String(err), model: config.RERANK_MODEL },
      'cross-encoder not loadable; reranking with lexical scoring',
    );
    return undefined;
  }
}
