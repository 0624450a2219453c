import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import type { Verdict } from '../../types.js';
import { createChecker } from '../checker.js';
import { scoreEval, type EvalReport, type LabeledClaim, type Prediction } from './metrics.js';

interface SciFactClaim {
  id: number;
  claim: string;
  evidence: Record<string, { label: 'SUPPORT' | 'CONTRADICT' }[]>;
}

/** SciFact's label: the label of its evidence sets, or no evidence = NOT_ENOUGH_INFO. */
export function sciFactLabel(c: SciFactClaim): Verdict {
  const labels = Object.values(c.evidence)
    .flat()
    .map((e) => e.label);
  if (labels.includes('CONTRADICT')) return 'REFUTED';
  if (labels.includes('SUPPORT')) return 'SUPPORTED';
  return 'NOT_ENOUGH_INFO';
}

/**
 * Label accuracy of the same engine on SciFact claims_dev. The BEIR copy of the corpus
 * (`<dir>/../scifact-beir/corpus.jsonl`, or `<dir>/corpus.jsonl` in BEIR form) is indexed in its
 * own data folder (DATA_DIR/scifact), built once and reused.
 */
export async function runSciFact(config: Config, dir: string, limit?: number): Promise<EvalReport> {
  const beir = path.resolve(dir, '..', 'scifact-beir', 'corpus.jsonl');
  const knowledge = path.join(config.DATA_DIR, 'scifact', 'knowledge');
  await mkdir(knowledge, { recursive: true });
  await copyFile(beir, path.join(knowledge, 'corpus.jsonl')).catch((err: unknown) => {
    throw new AppError('SOURCE_NOT_FOUND', `Cannot read ${beir}.`, { cause: err });
  });
  const cfg: Config = {
    ...config,
    KNOWLEDGE_DIR: knowledge,
    DATA_DIR: path.join(config.DATA_DIR, 'scifact', 'data'),
  };
  const logger = createLogger(config.commandLogLevel);
  const text = await readFile(path.join(dir, 'claims_dev.jsonl'), 'utf8');
  const claims = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SciFactClaim)
    .slice(0, limit);
  const checker = await createChecker(cfg, logger);
  try {
    const items: LabeledClaim[] = claims.map((c) => ({
      id: String(c.id),
      claim: c.claim,
      label: sciFactLabel(c),
      evidence: [],
      lang: 'en',
      style: 'scientific',
    }));
    const predictions: Prediction[] = [];
    for (const item of items) {
      const r = await checker.check(item.claim);
      predictions.push({
        id: item.id,
        verdict: r.verdict,
        citations: r.citations,
        offsetErrors: 0,
        gold: [],
      });
    }
    return scoreEval(items, predictions);
  } finally {
    await checker.close();
  }
}
