import path from 'node:path';
import {
  AutoModelForSequenceClassification,
  AutoTokenizer,
  env,
  type Tensor,
} from '@huggingface/transformers';
import type { Config } from '../../config/config.js';

/** A transformers.js model that reads a pair of texts and gives one row of logits per pair. */
export interface SequenceClassifier {
  /** Logits of each (first, second) pair, one row per pair, a column per label. */
  logits(first: string[], second: string[]): Promise<number[][]>;
  /** The model's own names of its output columns (`id2label` of its config), in column order. */
  labels: string[];
  dispose(): Promise<void>;
}

/**
 * Loads `modelId` from MODELS_DIR (quantized weights, transformers.js layout); throws when the
 * deployment does not have it, so each caller can fall back and say so.
 */
export async function loadSequenceClassifier(
  config: Pick<Config, 'MODELS_DIR' | 'ALLOW_REMOTE_MODELS'>,
  modelId: string,
): Promise<SequenceClassifier> {
  // transformers.js keeps these settings in one global `env`; every load sets all of them.
  env.allowLocalModels = true;
  env.localModelPath = config.MODELS_DIR;
  env.allowRemoteModels = config.ALLOW_REMOTE_MODELS;
  env.cacheDir = path.join(config.MODELS_DIR, '.cache');
  const options = { local_files_only: !config.ALLOW_REMOTE_MODELS };
  const tokenizer = await AutoTokenizer.from_pretrained(modelId, options);
  const model = await AutoModelForSequenceClassification.from_pretrained(modelId, {
    ...options,
    dtype: 'q8',
  });
  const id2label = (model.config as { id2label?: Record<string, string> }).id2label ?? {};
  return {
    labels: Object.keys(id2label)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => id2label[k]!),
    async logits(first, second) {
      if (first.length === 0) return [];
      const inputs = tokenizer(first, { text_pair: second, padding: true, truncation: true });
      const { logits } = (await model(inputs)) as { logits: Tensor };
      const data = logits.data as Float32Array;
      const width = data.length / first.length;
      return first.map((_, i) => Array.from(data.subarray(i * width, (i + 1) * width)));
    },
    async dispose() {
      await model.dispose();
    },
  };
}
