import type { Config } from '../../config/config.js';
import type { Logger } from '../../logger.js';
import { softmax } from '../model/softmax.js';
import { loadSequenceClassifier } from './sequence-classifier.js';

/** How one evidence text bears on a claim, as probabilities summing to 1. */
export interface Entailment {
  entailment: number;
  contradiction: number;
  neutral: number;
}

/** A natural-language-inference model: does the premise entail or contradict the hypothesis? */
export interface EntailmentModel {
  readonly id: string;
  /** One reading per premise, each against the same hypothesis (the claim). */
  score(premises: string[], hypothesis: string): Promise<Entailment[]>;
  dispose(): Promise<void>;
}

const KINDS = ['entailment', 'contradiction', 'neutral'] as const;

/** The output column of each reading, found by the model's own label names ("ENTAILMENT", ...). */
function columnsOf(labels: string[]): Record<(typeof KINDS)[number], number> | undefined {
  const at = KINDS.map((kind) =>
    labels.findIndex((l) => l.toLowerCase().startsWith(kind.slice(0, 7))),
  );
  if (at.some((i) => i < 0)) return undefined;
  return { entailment: at[0]!, contradiction: at[1]!, neutral: at[2]! };
}

/**
 * An NLI model (e.g. Xenova/nli-deberta-v3-xsmall) through transformers.js from MODELS_DIR, when
 * NLI_MODEL names one the deployment has; undefined (logged) when it cannot be loaded or its labels
 * are not entailment, contradiction and neutral, so verdicts rest on the verdict model alone.
 */
export async function loadEntailmentModel(
  config: Pick<Config, 'MODELS_DIR' | 'ALLOW_REMOTE_MODELS' | 'NLI_MODEL'>,
  logger: Logger,
): Promise<EntailmentModel | undefined> {
  const id = config.NLI_MODEL;
  try {
    const model = await loadSequenceClassifier(config, id);
    const columns = columnsOf(model.labels);
    if (!columns) {
      await model.dispose();
      throw new Error(`labels ${JSON.stringify(model.labels)} are not an NLI model's`);
    }
    return {
      id,
      async score(premises, hypothesis) {
        const rows = await model.logits(
          premises,
          premises.map(() => hypothesis),
        );
        return rows.map((row) => {
          const p = softmax(row);
          return {
            entailment: p[columns.entailment]!,
            contradiction: p[columns.contradiction]!,
            neutral: p[columns.neutral]!,
          };
        });
      },
      dispose: () => model.dispose(),
    };
  } catch (err) {
    logger.warn(
      { err: err instanceof Error ? err.message : String(err), model: id },
      'NLI model not loadable; verdicts from the verdict model alone',
    );
    return undefined;
  }
}
